// How an SMTP password is stored: never in clear, twice over — AES-256-GCM ciphertext under
// CREDENTIALS_KEYS (bound to the account id) for authorised reveals, and an HMAC verifier under
// VERIFIER_KEY for the relay. One function for every writer: use cases, seed, tests, benchmarks.
import type { Env } from "../env";
import { AppError } from "../errors/app-error";
import { decryptSecret, encryptSecret } from "./encryption";
import { computeVerifier } from "./verifier";

export type PasswordKeys = Pick<Env, "CREDENTIALS_KEYS" | "VERIFIER_KEY">;

export function storedPassword(password: string, accountId: string, keys: PasswordKeys): { passwordCiphertext: string; passwordVerifier: string } {
  return {
    passwordCiphertext: encryptSecret(password, accountId, keys.CREDENTIALS_KEYS),
    passwordVerifier: computeVerifier(password, Buffer.from(keys.VERIFIER_KEY, "base64")),
  };
}

/** What a show-once workspace says wherever a stored password would be needed. */
export const PASSWORD_NOT_KEPT_MESSAGE =
  "This workspace shows passwords only once, so MigoSMTP keeps no copy of this one. Reset the password to get a new one.";

/** The stored password in clear, for authorised reveals and the portal's own test sends. */
export function decryptStoredPassword(account: { id: string; passwordCiphertext: string | null }, keys: Pick<Env, "CREDENTIALS_KEYS">): string {
  if (account.passwordCiphertext === null) throw new AppError("CONFLICT", PASSWORD_NOT_KEPT_MESSAGE);
  return decryptSecret(account.passwordCiphertext, account.id, keys.CREDENTIALS_KEYS);
}

/** What a new password writes: both columns, or in a show-once workspace the verifier only. */
export function passwordColumns(password: string, accountId: string, keys: PasswordKeys, { showOnce }: { showOnce: boolean }): { passwordCiphertext: string | null; passwordVerifier: string } {
  const stored = storedPassword(password, accountId, keys);
  return showOnce ? { ...stored, passwordCiphertext: null } : stored;
}
