// DKIM signing for the relay: a message whose From domain has an active key is signed with it
// (nodemailer's DKIM implementation) before it leaves. Decrypted keys are cached briefly so a
// busy relay does not decrypt per message, and a rotation or removal takes effect within the TTL.
import DKIM from "nodemailer/lib/dkim";
import type { Db } from "../db";
import { decryptSecret, type CredentialKey } from "../credentials/encryption";

export type DkimSigner = (raw: Buffer, fromDomain: string) => Promise<Buffer>;

type CachedKey = { selector: string; privateKey: string } | null;

export const DKIM_KEY_CACHE_MS = 60_000;

/** The headers signed (RFC 6376 §5.4.1's recommendations), each listed once. */
const SIGNED_HEADERS = "from:sender:reply-to:subject:date:message-id:to:cc:mime-version:content-type:content-transfer-encoding:content-id:content-description:resent-date:resent-from:resent-sender:resent-to:resent-cc:resent-message-id:in-reply-to:references:list-id:list-help:list-unsubscribe:list-subscribe:list-post:list-owner:list-archive";

export function createDkimSigner(db: Db, keys: CredentialKey[], { cacheMs = DKIM_KEY_CACHE_MS, now = () => Date.now() } = {}): DkimSigner {
  const cache = new Map<string, { key: CachedKey; until: number }>();

  async function activeKey(domain: string): Promise<CachedKey> {
    const hit = cache.get(domain);
    if (hit && hit.until > now()) return hit.key;
    // The verified domain's active key; a name is verified by one workspace only.
    const row = await db.dkimKey.findFirst({
      where: { status: "active", domain: { name: domain, status: "verified" } },
      orderBy: { activatedAt: "desc" },
      select: { id: true, selector: true, privateKeyCiphertext: true },
    });
    const key = row ? { selector: row.selector, privateKey: decryptSecret(row.privateKeyCiphertext, row.id, keys) } : null;
    cache.set(domain, { key, until: now() + cacheMs });
    return key;
  }

  return async (raw, fromDomain) => {
    const domain = fromDomain.toLowerCase();
    const key = domain ? await activeKey(domain) : null;
    if (!key) return raw;
    const signer = new DKIM({ domainName: domain, keySelector: key.selector, privateKey: key.privateKey, headerFieldNames: SIGNED_HEADERS });
    const chunks: Buffer[] = [];
    for await (const chunk of signer.sign(raw)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
}
