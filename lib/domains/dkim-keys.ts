// DKIM key pairs made by the product: RSA-2048 (every receiver verifies it), the public key as
// base64 DER SubjectPublicKeyInfo (the p= of the DNS record), the private key as PKCS#8 PEM,
// stored only encrypted under CREDENTIALS_KEYS with the DkimKey row id as associated data.
import { generateKeyPair, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type { CredentialKey } from "../credentials/encryption";
import { encryptSecret } from "../credentials/encryption";

const generateKeyPairAsync = promisify(generateKeyPair);

export const DKIM_ALGORITHM = "rsa-sha256";

/** `migo<yyyymm>`, with a suffix when that selector is taken (a second rotation in a month). */
export function dkimSelector(now: Date, taken: readonly string[] = []): string {
  const base = `migo${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}n${n}`)) return `${base}n${n}`;
}

export async function generateDkimKeyPair(): Promise<{ publicKey: string; privateKeyPem: string }> {
  const { publicKey, privateKey } = await generateKeyPairAsync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "der" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { publicKey: publicKey.toString("base64"), privateKeyPem: privateKey };
}

/** A new DkimKey row's data (status pending until its DNS record is seen). */
export async function newDkimKeyRow(domainId: string, selector: string, keys: CredentialKey[]) {
  const { publicKey, privateKeyPem } = await generateDkimKeyPair();
  const id = `dkim_${randomBytes(12).toString("hex")}`;
  return {
    id,
    domainId,
    selector,
    algorithm: DKIM_ALGORITHM,
    publicKey,
    privateKeyCiphertext: encryptSecret(privateKeyPem, id, keys),
    status: "pending",
  };
}

/** The TXT value published at `<selector>._domainkey.<domain>`. */
export function dkimRecordValue(publicKey: string): string {
  return `v=DKIM1; k=rsa; p=${publicKey}`;
}

/** The p= of a DKIM TXT record (tags split on ";", whitespace ignored), or null. */
export function publicKeyOfDkimRecord(txt: string): string | null {
  for (const tag of txt.split(";")) {
    const [name, ...rest] = tag.split("=");
    if (name?.trim() === "p") return rest.join("=").replace(/\s+/g, "");
  }
  return null;
}
