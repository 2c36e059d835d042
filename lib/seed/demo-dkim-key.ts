// A demo domain's DKIM key, made at seed time (never committed: every install has its own),
// stored encrypted like any DKIM key. The demo domain is seeded verified without DNS (nothing
// can publish records for a .test name), so its key is active at once: the relay signs demo
// mail with it, and the Domains page shows the record that verifies the signature.
import type { Db } from "../db";
import type { Env } from "../env";
import { dkimSelector, newDkimKeyRow } from "../domains/dkim-keys";

/** Adds an active key to a demo domain that has no DKIM key at all; leaves any other alone. */
export async function ensureDemoDkimKey(db: Db, env: Pick<Env, "CREDENTIALS_KEYS">, domainId: string, now = new Date()): Promise<boolean> {
  if (await db.dkimKey.findFirst({ where: { domainId }, select: { id: true } })) return false;
  const key = await newDkimKeyRow(domainId, dkimSelector(now), env.CREDENTIALS_KEYS);
  await db.dkimKey.create({ data: { ...key, status: "active", activatedAt: now } });
  return true;
}
