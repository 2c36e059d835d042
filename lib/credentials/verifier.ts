// What the relay checks passwords against: HMAC-SHA-256 under VERIFIER_KEY. The passwords are
// ~190 random bits, so a slow KDF would add latency and no security; the keyed HMAC means a
// stolen database alone cannot test guesses. Comparison is constant-time, and an unknown user
// costs the same work as a known one.
import { createHmac, timingSafeEqual } from "node:crypto";

export function computeVerifier(password: string, key: Buffer): string {
  return createHmac("sha256", key).update(password, "utf8").digest("base64url");
}

// A verifier no password produces in practice, compared against when the user is unknown.
const DUMMY_VERIFIER = "0".repeat(43);

/** True only when `verifier` is set and matches; same work whether or not it is set. */
export function checkPassword(password: string, verifier: string | null | undefined, key: Buffer): boolean {
  const expected = Buffer.from(verifier ?? DUMMY_VERIFIER, "utf8");
  const actual = Buffer.from(computeVerifier(password, key), "utf8");
  const same = actual.length === expected.length && timingSafeEqual(actual, expected);
  return same && verifier != null;
}

/**
 * Which of `verifiers` the password matches (the current one first, then a rotation's previous
 * one), or -1. One HMAC, and every slot compared in constant time whether or not it is set, so
 * the answer's timing says nothing about which matched or whether a grace window is open.
 */
export function matchPassword(password: string, verifiers: readonly (string | null | undefined)[], key: Buffer): number {
  const actual = Buffer.from(computeVerifier(password, key), "utf8");
  let matched = -1;
  verifiers.forEach((verifier, index) => {
    const expected = Buffer.from(verifier ?? DUMMY_VERIFIER, "utf8");
    const same = actual.length === expected.length && timingSafeEqual(actual, expected);
    if (same && verifier != null && matched === -1) matched = index;
  });
  return matched;
}
