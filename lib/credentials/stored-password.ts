// How an SMTP password is stored: never in clear, twice over — AES-256-GCM ciphertext under
// CREDENTIALS_KEYS (bound to the account id) for authorised reveals, and an HMAC verifier under
// VERIFIER_KEY for the relay. One function for every writer: use cases, seed, tests, benchmarks.
import type { Env } from "../env";
import { encryptSecret } from "./encryption";
import { computeVerifier } from "./verifier";

export type PasswordKeys = Pick<Env, "CREDENTIALS_KEYS" | "VERIFIER_KEY">;

export function storedPassword(password: string, accountId: string, keys: PasswordKeys): { passwordCiphertext: string; passwordVerifier: string } {
  return {
    passwordCiphertext: encryptSecret(password, accountId, keys.CREDENTIALS_KEYS),
    passwordVerifier: computeVerifier(password, Buffer.from(keys.VERIFIER_KEY, "base64")),
  };
}
