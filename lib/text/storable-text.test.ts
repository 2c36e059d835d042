import { describe, expect, it } from "vitest";
import { jsonDepth, nulPath, storableText } from "./storable-text";

describe("text a database can store", () => {
  it("puts U+FFFD where a client wrote U+0000 or half of a UTF-16 pair", () => {
    expect(storableText("a\u0000b\u0000")).toBe("a\uFFFDb\uFFFD");
    expect(storableText("plain")).toBe("plain");
    expect(storableText("a\ud800b\udc00")).toBe("a\uFFFDb\uFFFD");
    expect(storableText("\ud83d\ude80")).toBe("\ud83d\ude80");
  });

  it("finds the first string with a NUL in an input, by its path", () => {
    expect(nulPath({ workspace: "acme", label: "ok" })).toBeNull();
    expect(nulPath({ workspace: "acme", label: "a\u0000b" })).toBe("label");
    expect(nulPath({ list: ["x", { note: "\u0000" }] })).toBe("list.1.note");
    expect(nulPath("\u0000")).toBe("");
    expect(nulPath([1, null, true])).toBeNull();
  });

  it("walks an input nested 100,000 levels deep without running out of stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}`) as unknown;
    expect(nulPath(deep)).toBe(Array(100_000).fill("0").join("."));
    expect(nulPath({ a: JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown })).toBeNull();
  });

  it("names a key with a NUL after what its value holds", () => {
    expect(nulPath({ "k\u0000": "fine" })).toBe("k\u0000");
    expect(nulPath({ "k\u0000": { inner: "\u0000" } })).toBe("k\u0000.inner");
  });
});

describe("how deeply an input nests", () => {
  it("counts objects and arrays inside each other, and stops counting past the limit", () => {
    expect(jsonDepth("text", 16)).toBe(0);
    expect(jsonDepth({ label: "a", senders: ["x@y.test"] }, 16)).toBe(2);
    expect(jsonDepth([[], [[{}]]], 16)).toBe(4);
    expect(jsonDepth(JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown, 16)).toBe(17);
  });
});
