// Idempotency-Key on creates and resets: a script that retries after a timeout gets the first
// answer again instead of a second account or a second new password. The key is scoped to the
// token and kept 24 hours with a hash of the request; the same key with another request is
// refused (422), and while the first request runs a second one with its key gets 409. The
// stored answer may hold a password, so it is encrypted like stored passwords (CREDENTIALS_KEYS).
// A show-once workspace keeps no password, so no answer either: its replay answers 409 (and
// turning show-once on forgets the answers already kept, lib/smtp-accounts/set-show-once.ts).
import { createHash } from "node:crypto";
import type { Db } from "../db";
import type { Env } from "../env";
import { decryptSecret, encryptSecret } from "../credentials/encryption";
import { AppError } from "../errors/app-error";

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const IN_PROGRESS = 0;
/** A finished request whose answer is not kept (show-once): a replay is refused, never run again. */
export const FORGOTTEN_ANSWER = "";

export type StoredAnswer = { status: number; body: unknown };

export function requestHash(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}

export function parseIdempotencyKey(value: string | null): string | null {
  if (value === null) return null;
  if (!KEY_PATTERN.test(value)) throw new AppError("INVALID_INPUT", "Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is a good choice).", "Idempotency-Key");
  return value;
}

/** Runs `run` once per (token, key): a repeat with the same request replays the stored answer. */
export async function withIdempotency(
  { db, env, tokenId, key, hash, now = new Date() }: { db: Db; env: Pick<Env, "CREDENTIALS_KEYS">; tokenId: string; key: string; hash: string; now?: Date },
  run: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const aad = `idempotency:${tokenId}:${key}`;
  await db.idempotencyKey.deleteMany({ where: { tokenId, key, expiresAt: { lte: now } } });
  const claimed = await db.idempotencyKey
    .create({ data: { tokenId, key, requestHash: hash, status: IN_PROGRESS, bodyCiphertext: "", expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) }, select: { id: true } })
    .catch(() => null);
  if (!claimed) {
    const existing = await db.idempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } }, select: { requestHash: true, status: true, bodyCiphertext: true } });
    if (!existing) throw new AppError("CONFLICT", "A request with this Idempotency-Key just finished or failed. Retry it.");
    if (existing.requestHash !== hash)
      throw new AppError("INVALID_INPUT", "This Idempotency-Key was already used with a different request. Use a new key for a new request.", "Idempotency-Key");
    if (existing.status === IN_PROGRESS) throw new AppError("CONFLICT", "A request with this Idempotency-Key is still running. Wait for it, then retry.");
    if (existing.bodyCiphertext === FORGOTTEN_ANSWER)
      throw new AppError(
        "CONFLICT",
        "The first request with this Idempotency-Key succeeded, but this workspace shows passwords only once, so its answer was not kept. Check the result of the first request (list the accounts), then use a new key; reset the password if it was lost.",
      );
    let stored: string;
    try {
      stored = decryptSecret(existing.bodyCiphertext, aad, env.CREDENTIALS_KEYS);
    } catch {
      // Its key was retired (npm run keys:rotate -- --retire): running it again could reset twice.
      throw new AppError("CONFLICT", "The first answer to this Idempotency-Key can no longer be read. Check the result of the first request, then use a new key.");
    }
    return { status: existing.status, body: JSON.parse(stored), replayed: true };
  }
  let answer: StoredAnswer;
  try {
    answer = await run();
  } catch (error) {
    // A failed request stores nothing: retrying it with the same key runs it again.
    await db.idempotencyKey.delete({ where: { id: claimed.id } }).catch(() => undefined);
    throw error;
  }
  await db.idempotencyKey.update({ where: { id: claimed.id }, data: { status: answer.status, bodyCiphertext: encryptSecret(JSON.stringify(answer.body), aad, env.CREDENTIALS_KEYS) } });
  // Asked after the write: a switch to show-once that commits meanwhile forgets this answer itself.
  const token = await db.apiToken.findUnique({ where: { id: tokenId }, select: { workspace: { select: { showPasswordsOnce: true } } } });
  if (token?.workspace.showPasswordsOnce) await db.idempotencyKey.update({ where: { id: claimed.id }, data: { bodyCiphertext: FORGOTTEN_ANSWER } });
  return { ...answer, replayed: false };
}
