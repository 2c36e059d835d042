import { describe, expect, it } from "vitest";
import { countOf } from "./count-of";

describe("countOf", () => {
  it("writes one thing in the singular and any other count in the plural, thousands separated", () => {
    expect(countOf(1, "held message")).toBe("1 held message");
    expect(countOf(0, "message")).toBe("0 messages");
    expect(countOf(2, "account")).toBe("2 accounts");
    expect(countOf(10_003, "SMTP account")).toBe("10,003 SMTP accounts");
  });
});
