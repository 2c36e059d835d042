// The Standard Webhooks signature (webhook-signature: "v1," + base64 HMAC-SHA-256 of
// "id.timestamp.body" under the base64 key after "whsec_"), computed with node:crypto: the
// standardwebhooks package hashes in JavaScript (fast-sha256), which was the webhook thread's
// largest single function after Prisma's I/O in a profile. Receivers verify with the package.
import { createHmac } from "node:crypto";

const PREFIX = "whsec_";

export function signWebhook(secret: string, eventId: string, at: Date, payload: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${eventId}.${Math.floor(at.getTime() / 1000)}.${payload}`).digest("base64")}`;
}
