import { describe, expect, it } from "vitest";
import { nulPath, storableText } from "./storable-text";

describe("text a database can store", () => {
  it("puts U+FFFD where a client wrote U+0000", () => {
    expect(storableText("a\u0000b\u0000")).toBe("a\uFFFDb\uFFFD");
    expect(storableText("plain")).toBe("plain");
  });

  it("finds the first string with a NUL in an input, by its path", () => {
    expect(nulPath({ workspace: "acme", label: "ok" })).toBeNull();
    expect(nulPath({ workspace: "acme", label: "a\u0000b" })).toBe("label");
    expect(nulPath({ list: ["x", { note: "\u0000" }] })).toBe("list.1.note");
    expect(nulPath("\u0000")).toBe("");
    expect(nulPath([1, null, true])).toBeNull();
  });
});
