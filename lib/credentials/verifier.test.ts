import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeVerifier, matchPassword } from "./verifier";

const key = randomBytes(32);

describe("matching a password against the current and previous verifiers", () => {
  it("says which verifier matched, current first", () => {
    const current = computeVerifier("new-password", key);
    const previous = computeVerifier("old-password", key);
    expect(matchPassword("new-password", [current, previous], key)).toBe(0);
    expect(matchPassword("old-password", [current, previous], key)).toBe(1);
    expect(matchPassword("other", [current, previous], key)).toBe(-1);
  });

  it("never matches an empty slot, whatever the password", () => {
    expect(matchPassword("old-password", [computeVerifier("new-password", key), null], key)).toBe(-1);
    expect(matchPassword("", [null, undefined], key)).toBe(-1);
  });
});
