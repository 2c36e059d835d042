// How long a retired DKIM key's record must stay published. The relay signs at delivery with
// the key active then, so mail still queued here is re-signed with the new key; what needs the
// old record is mail that already left signed with it: delivered up to the signer's key-cache
// time after the switch, and possibly still queued at a receiving server, which verifies on
// arrival. Messages do not record their selector, so the domain's latest delivery before the
// old key could no longer be used stands for "the last mail signed with it", and a receiving
// queue is assumed to hold mail no longer than ours does (RELAY_MAX_QUEUE_AGE).
import type { Db } from "../db";
import { DKIM_KEY_CACHE_MS } from "./dkim-signer";
import { escapeLike } from "../text/like-pattern";

/** The later of: the signer may still use the key; the last mail signed with it may still be queued. */
export function retiredKeyKeepUntil(retiredAt: Date, lastSignedDeliveryAt: Date | null, maxQueueAgeSeconds: number): Date {
  const signing = retiredAt.getTime() + DKIM_KEY_CACHE_MS;
  const queued = lastSignedDeliveryAt ? lastSignedDeliveryAt.getTime() + maxQueueAgeSeconds * 1000 : 0;
  return new Date(Math.max(signing, queued));
}

/** keepUntil of each retired key (by id) whose record may still be needed at `now`. */
export async function retiredKeysToKeep(
  db: Db,
  { workspaceId, domain, keys, maxQueueAgeSeconds, now }: { workspaceId: string; domain: string; keys: { id: string; status: string; retiredAt: Date | null }[]; maxQueueAgeSeconds: number; now: Date },
): Promise<Map<string, Date>> {
  const keep = new Map<string, Date>();
  for (const key of keys) {
    if (key.status !== "retired" || !key.retiredAt) continue;
    const signedUntil = new Date(key.retiredAt.getTime() + DKIM_KEY_CACHE_MS);
    // Nothing signed with it can still be queued anywhere: skip the look-up.
    if (signedUntil.getTime() + maxQueueAgeSeconds * 1000 <= now.getTime()) continue;
    const last = await db.message.findFirst({
      where: { workspaceId, envelopeFrom: { endsWith: escapeLike(`@${domain}`) }, deliveredAt: { lte: signedUntil, gt: new Date(now.getTime() - maxQueueAgeSeconds * 1000) } },
      orderBy: { deliveredAt: "desc" },
      select: { deliveredAt: true },
    });
    const until = retiredKeyKeepUntil(key.retiredAt, last?.deliveredAt ?? null, maxQueueAgeSeconds);
    if (until > now) keep.set(key.id, until);
  }
  return keep;
}
