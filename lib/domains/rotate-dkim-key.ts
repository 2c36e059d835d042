// DKIM key rotation, in the order receivers need: a new key under a new selector is created
// (pending) and its record shown; once that record is seen in DNS the relay switches to it and
// the old key is retired (its record can then be deleted). Mail signed with the old key
// keeps verifying while its record stays published.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { dkimSelector, newDkimKeyRow } from "./dkim-keys";
import { createTxtResolver, type DomainCheckInput } from "./dns-lookup";
import { dkimRecordName } from "./dns-records";
import { checkDkimRecord, type DkimCheck } from "./verify-domain";
import { requireDomain } from "../tenancy/loaders";

async function loadDomain(db: Db, workspaceId: string, domainId: string) {
  const domain = await requireDomain(db, workspaceId, domainId, { id: true, name: true, status: true, dkimKeys: { orderBy: { createdAt: "asc" } } });
  return domain;
}

/** Step 1: a new pending key under a new selector; returns the record to publish. */
export async function startDkimRotation({ db, env, workspaceId, domainId, actor, now = new Date() }: { db: Db; env: Pick<Env, "CREDENTIALS_KEYS">; workspaceId: string; domainId: string; actor: Actor; now?: Date }) {
  const domain = await loadDomain(db, workspaceId, domainId);
  if (domain.status !== "verified") throw new AppError("INVALID_INPUT", `Verify ${domain.name} before rotating its DKIM key.`);
  if (!domain.dkimKeys.some((k) => k.status === "active")) throw new AppError("INVALID_INPUT", `${domain.name} has no active DKIM key yet: publish its DKIM record and verify the domain.`);
  if (domain.dkimKeys.some((k) => k.status === "pending")) throw new AppError("CONFLICT", `A rotation of ${domain.name}'s DKIM key is already in progress: publish the new record, then complete it.`);
  const key = await newDkimKeyRow(domain.id, dkimSelector(now, domain.dkimKeys.map((k) => k.selector)), env.CREDENTIALS_KEYS);
  await db.$transaction(async (tx) => {
    await tx.dkimKey.create({ data: key });
    await recordAudit(tx, actor, { action: "domain.dkim.rotate.start", workspaceId, target: { type: "domain", id: domain.id, label: domain.name }, metadata: { selector: key.selector } });
  });
  return { selector: key.selector, recordName: dkimRecordName(key.selector, domain.name) };
}

/** Step 2: when the new key's record is seen, switch to it and retire the old one. */
export async function completeDkimRotation({ db, env, workspaceId, domainId, actor, resolver, now = new Date() }: DomainCheckInput): Promise<{ switched: boolean; check: DkimCheck; retired: string[] }> {
  const domain = await loadDomain(db, workspaceId, domainId);
  const next = domain.dkimKeys.find((k) => k.status === "pending");
  if (!next) throw new AppError("INVALID_INPUT", `No DKIM key rotation of ${domain.name} is in progress.`);
  const check = await checkDkimRecord(resolver ?? createTxtResolver(env.DNS_SERVERS), domain.name, next.selector, next.publicKey);
  if (!check.published) return { switched: false, check, retired: [] };
  const old = domain.dkimKeys.filter((k) => k.status === "active");
  await db.$transaction(async (tx) => {
    await tx.dkimKey.updateMany({ where: { domainId: domain.id, status: "active", domain: { workspaceId } }, data: { status: "retired", retiredAt: now } });
    await tx.dkimKey.update({ where: { id: next.id, domainId: domain.id }, data: { status: "active", activatedAt: now } });
    await recordAudit(tx, actor, {
      action: "domain.dkim.rotate.complete",
      workspaceId,
      target: { type: "domain", id: domain.id, label: domain.name },
      metadata: { selector: next.selector, retired: old.map((k) => k.selector) },
    });
  });
  return { switched: true, check, retired: old.map((k) => k.selector) };
}
