import { describe, expect, it } from "vitest";
import { escapeLike, likeMatches } from "./like-pattern";

describe("LIKE patterns", () => {
  it("escapes the wildcards and the escape character so the text matches only itself", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
    for (const text of ["50%", "a_b", "back\\slash", "%_\\", "plain"]) {
      expect(likeMatches(`%${escapeLike(text)}%`, `xx${text}yy`), text).toBe(true);
    }
    expect(likeMatches(`%${escapeLike("50%")}%`, "50 percent")).toBe(false);
    expect(likeMatches(`%${escapeLike("a_b")}%`, "axb")).toBe(false);
  });

  it("matches % as any run of characters and _ as exactly one, ignoring case", () => {
    expect(likeMatches("%", "")).toBe(true);
    expect(likeMatches("a%c", "ABBBC")).toBe(true);
    expect(likeMatches("a%c", "abcd")).toBe(false);
    expect(likeMatches("a_c", "abc")).toBe(true);
    expect(likeMatches("a_c", "ac")).toBe(false);
    expect(likeMatches("%b%b%", "abab")).toBe(true);
    expect(likeMatches("%b%b%", "ab")).toBe(false);
    expect(likeMatches("%ab%ba", "aba")).toBe(false);
    expect(likeMatches("_", "é")).toBe(true);
    expect(likeMatches("ÉTÉ%", "été 2026")).toBe(true);
    expect(likeMatches("abc", "abc")).toBe(true);
    expect(likeMatches("abc", "abcd")).toBe(false);
  });

  it("takes every other character as itself, whatever it means to a regular expression", () => {
    for (const text of ["billing-reports", "a.b", "(x)", "[y]", "{z}", "a+b*c?", "^$", "a|b", "a/b", "tab\tx"]) {
      for (const pattern of [`%${escapeLike(text)}%`, `${escapeLike(text)}%`, `%${escapeLike(text)}`, escapeLike(text), `_%${escapeLike(text)}%_`]) {
        expect(likeMatches(pattern, pattern.startsWith("_") ? `<${text}>` : text), pattern).toBe(true);
        expect(likeMatches(pattern, "something else"), pattern).toBe(false);
      }
    }
    expect(likeMatches("%a.b%", "axb")).toBe(false);
  });
});
