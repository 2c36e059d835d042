import { describe, expect, it } from "vitest";
import { joinLines } from "./join-lines";

describe("joined lines", () => {
  it("joins the lines of a multi-line reply with single spaces", () => {
    expect(joinLines("550-first\r\n550 second  ")).toBe("550-first 550 second");
    expect(joinLines("  a \n\n \t\n b\n")).toBe("a b");
    expect(joinLines("no newline")).toBe("no newline");
  });

  it("keeps a long run of spaces inside a line", () => {
    expect(joinLines(`a${" ".repeat(100_000)}b\nc`)).toBe(`a${" ".repeat(100_000)}b c`);
  });
});
