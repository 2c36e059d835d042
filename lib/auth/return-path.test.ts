import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("return path after sign-in", () => {
  it("keeps a relative path of the portal with its query", () => {
    expect(safeReturnPath("/w/acme/smtp-accounts?reveal=abc")).toBe("/w/acme/smtp-accounts?reveal=abc");
  });

  it.each(["https://evil.test/", "//evil.test/x", "/\\evil.test", "javascript:alert(1)", "", "w/acme", "/\u0000x"])(
    "ignores %j",
    (input) => {
      expect(safeReturnPath(input)).toBe("/");
    },
  );
});
