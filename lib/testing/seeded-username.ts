/**
 * The i-th username of a bulk seed: `smtpuser_` and 8 hex digits like a real one, distinct for
 * i below 65,536. Random ones collide: 10,000 of them hit the unique index about once in 90 seeds,
 * which stopped the portal benchmark. The product draws at random and retries (insert-account.ts).
 */
import { randomBytes } from "node:crypto";

export function seededUsername(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i > 0xffff) throw new RangeError(`seededUsername: ${i} is not in 0..65535`);
  return `smtpuser_${i.toString(16).padStart(4, "0")}${randomBytes(2).toString("hex")}`;
}
