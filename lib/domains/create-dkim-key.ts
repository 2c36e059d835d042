// A DKIM key for a domain that has none (e.g. a domain seeded or added before keys were made for
// it): pending under a new selector, activated when "Verify now" or the re-check sees its record
// (verify-domain.ts activates a first key). A domain with a key rotates instead (rotate-dkim-key.ts).
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { dkimSelector, newDkimKeyRow } from "./dkim-keys";
import { dkimRecordName } from "./dns-records";
import { requireDomain } from "../tenancy/loaders";

export async function createDkimKey({ db, env, workspaceId, domainId, actor, now = new Date() }: { db: Db; env: Pick<Env, "CREDENTIALS_KEYS">; workspaceId: string; domainId: string; actor: Actor; now?: Date }) {
  const domain = await requireDomain(db, workspaceId, domainId, { id: true, name: true, dkimKeys: { select: { selector: true, status: true } } });
  if (domain.dkimKeys.some((k) => k.status !== "retired")) throw new AppError("CONFLICT", `${domain.name} already has a DKIM key: rotate it instead.`);
  // Generated outside the transaction: RSA key generation takes a while.
  const key = await newDkimKeyRow(domain.id, dkimSelector(now, domain.dkimKeys.map((k) => k.selector)), env.CREDENTIALS_KEYS);
  await db.$transaction(async (tx) => {
    // Re-checked inside: two admins pressing at once make one key.
    if (await tx.dkimKey.findFirst({ where: { domainId: domain.id, status: { not: "retired" } }, select: { id: true } }))
      throw new AppError("CONFLICT", `${domain.name} already has a DKIM key: rotate it instead.`);
    await tx.dkimKey.create({ data: key });
    await recordAudit(tx, actor, { action: "domain.dkim.create", workspaceId, target: { type: "domain", id: domain.id, label: domain.name }, metadata: { selector: key.selector } });
  });
  return { selector: key.selector, recordName: dkimRecordName(key.selector, domain.name) };
}
