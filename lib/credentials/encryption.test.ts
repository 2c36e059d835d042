import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, keyIdOf } from "./encryption";
import { checkPassword, computeVerifier } from "./verifier";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };

describe("secret encryption", () => {
  it("round-trips under the active key and records its id", () => {
    const blob = encryptSecret("s3cret", "acct_1", [k2, k1]);
    expect(keyIdOf(blob)).toBe("k2");
    expect(blob).not.toContain("s3cret");
    expect(decryptSecret(blob, "acct_1", [k2, k1])).toBe("s3cret");
  });

  it("decrypts with an older key that is still listed", () => {
    const blob = encryptSecret("old", "acct_1", [k1]);
    expect(decryptSecret(blob, "acct_1", [k2, k1])).toBe("old");
  });

  it("refuses a ciphertext moved to another row", () => {
    const blob = encryptSecret("s3cret", "acct_1", [k1]);
    expect(() => decryptSecret(blob, "acct_2", [k1])).toThrow();
  });

  it("uses a fresh nonce each time", () => {
    expect(encryptSecret("x", "a", [k1])).not.toBe(encryptSecret("x", "a", [k1]));
  });
});

describe("password verifier", () => {
  const key = randomBytes(32);
  it("accepts exactly the password it was made from", () => {
    const v = computeVerifier("right", key);
    expect(checkPassword("right", v, key)).toBe(true);
    expect(checkPassword("wrong", v, key)).toBe(false);
  });

  it("rejects every password for an unknown user", () => {
    expect(checkPassword("anything", null, key)).toBe(false);
  });
});
