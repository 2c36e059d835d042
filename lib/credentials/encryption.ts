// Reversible storage for secrets an admin may reveal (account passwords, DKIM private keys):
// AES-256-GCM, a random 96-bit nonce per encryption, the owning row's id as associated data
// (a ciphertext copied onto another row fails to decrypt), and the key id stored so keys
// can rotate (CREDENTIALS_KEYS: the first key encrypts, every key decrypts).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export type CredentialKey = { id: string; key: Buffer };

const VERSION = "v1";

export function encryptSecret(plaintext: string, associatedData: string, keys: CredentialKey[]): string {
  const active = keys[0];
  if (!active) throw new Error("No credentials key configured");
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", active.key, nonce);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, active.id, nonce.toString("base64url"), body.toString("base64url"), tag.toString("base64url")].join(".");
}

export function decryptSecret(blob: string, associatedData: string, keys: CredentialKey[]): string {
  const [version, keyId, nonce, body, tag] = blob.split(".");
  if (version !== VERSION || !keyId || nonce === undefined || body === undefined || tag === undefined)
    throw new Error("Unrecognised ciphertext format");
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new Error(`Ciphertext was encrypted under key "${keyId}", which CREDENTIALS_KEYS no longer lists`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(nonce, "base64url"));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** The id of the key a ciphertext was made with (for `npm run keys:rotate`). */
export function keyIdOf(blob: string): string | undefined {
  return blob.split(".")[1];
}
