// The token's format: `migo_<publicId>_<secret>`. The public id (12 base32 characters, 60 bits)
// finds the row; the secret (32 bytes, 256 bits) makes it unguessable. Only SHA-256 of the whole
// token is stored: with this much entropy a slow hash adds latency and no safety.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const TOKEN_PREFIX = "migo_";
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const TOKEN_PATTERN = /^migo_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

function base32(bytes: Buffer, length: number): string {
  // 32 symbols: each byte's low 5 bits, so no modulo bias.
  return Array.from(bytes.subarray(0, length), (b) => BASE32[b & 31]).join("");
}

export function generateApiToken(): { token: string; publicId: string; tokenHash: string } {
  const publicId = base32(randomBytes(12), 12);
  const token = `${TOKEN_PREFIX}${publicId}_${randomBytes(32).toString("base64url")}`;
  return { token, publicId, tokenHash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/** The public id of a well-formed token, or null (the caller answers 401 without a lookup). */
export function publicIdOf(token: string): string | null {
  return TOKEN_PATTERN.exec(token)?.[1] ?? null;
}

export function tokenHashMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiToken(token));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
