// An endpoint's signing secret: "whsec_" + base64 of 32 random bytes (the Standard Webhooks
// format every verification library reads), stored AES-256-GCM encrypted like SMTP passwords,
// with associated data naming the endpoint (a ciphertext copied onto another row, or into
// another table, fails to decrypt). Shown once, after create or rotate.
import { randomBytes } from "node:crypto";
import { type CredentialKey, decryptSecret, encryptSecret } from "../credentials/encryption";

export function generateEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The associated data of an endpoint's secret (also used by `npm run keys:rotate`). */
export function endpointSecretAad(endpointId: string): string {
  return `webhook-endpoint:${endpointId}`;
}

export function encryptEndpointSecret(secret: string, endpointId: string, keys: CredentialKey[]): string {
  return encryptSecret(secret, endpointSecretAad(endpointId), keys);
}

export function decryptEndpointSecret(ciphertext: string, endpointId: string, keys: CredentialKey[]): string {
  return decryptSecret(ciphertext, endpointSecretAad(endpointId), keys);
}

/** A new endpoint row id, known before the row exists (its secret is encrypted with it). */
export function newEndpointId(): string {
  return `whe_${randomBytes(12).toString("hex")}`;
}
