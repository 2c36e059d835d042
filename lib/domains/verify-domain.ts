// Checking a domain's ownership record (and, for its first DKIM key, the key's record) in DNS:
// on demand ("Verify now") and from the relay's housekeeping. A DNS failure is a result, never
// an exception. One workspace per verified domain: a name verified elsewhere is not verified here.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import type { Actor } from "../smtp-accounts/actor";
import { nextState, type CheckOutcome } from "./check-state";
import { publicKeyOfDkimRecord } from "./dkim-keys";
import { createTxtResolver, type DomainCheckInput, type TxtResolver } from "./dns-lookup";
import { dkimRecordName, OWNERSHIP_VALUE_PREFIX, ownershipRecordName, ownershipRecordValue } from "./dns-records";
import { requireDomain } from "../tenancy/loaders";

export type DkimCheck = { selector: string; published: boolean; message: string };

export type VerifyResult = {
  status: string;
  outcome: CheckOutcome;
  /** The first key's record, when the domain has no active key yet. */
  dkim: DkimCheck | null;
};

/** Is `_migosmtp.<domain>` publishing our token? */
export async function checkOwnership(resolve: TxtResolver, name: string, token: string): Promise<CheckOutcome> {
  const recordName = ownershipRecordName(name);
  const expected = ownershipRecordValue(token);
  const found = await resolve(recordName);
  if (!found.ok) {
    switch (found.kind) {
      case "NXDOMAIN":
        return { ok: false, reason: "NXDOMAIN", message: `${recordName} does not exist (NXDOMAIN): publish the TXT record ${expected}.` };
      case "NO_RECORDS":
        return { ok: false, reason: "TOKEN_MISSING", message: `No TXT record at ${recordName}: publish ${expected}.` };
      case "TIMEOUT":
        return { ok: false, reason: "TIMEOUT", message: `DNS lookup of ${recordName} timed out (${found.detail}). It is retried automatically.` };
      default:
        return { ok: false, reason: "DNS_ERROR", message: `DNS lookup of ${recordName} failed: ${found.detail}.` };
    }
  }
  const values = found.records.map((r) => r.trim());
  if (values.includes(expected)) return { ok: true };
  const ours = values.filter((v) => v.startsWith(OWNERSHIP_VALUE_PREFIX));
  if (ours.length > 0)
    return { ok: false, reason: "WRONG_VALUE", message: `The TXT record at ${recordName} has a different token (${truncate(ours[0]!)}); it must be ${expected}.` };
  return { ok: false, reason: "TOKEN_MISSING", message: `${recordName} has TXT records, but none is ${expected}.` };
}

/** Does `<selector>._domainkey.<domain>` publish exactly this public key? */
export async function checkDkimRecord(resolve: TxtResolver, name: string, selector: string, publicKey: string): Promise<DkimCheck> {
  const recordName = dkimRecordName(selector, name);
  const found = await resolve(recordName);
  if (!found.ok) return { selector, published: false, message: `DKIM record ${recordName}: ${found.detail}.` };
  const keys = found.records.map(publicKeyOfDkimRecord);
  if (keys.includes(publicKey)) return { selector, published: true, message: `DKIM record ${recordName} is published.` };
  return { selector, published: false, message: `DKIM record ${recordName} does not hold this domain's public key; copy the value again.` };
}

type DomainRow = { id: string; workspaceId: string; name: string; status: string; verificationToken: string; checkAttempts: number; createdAt: Date; verifiedAt: Date | null; nextCheckAt: Date | null };

/** Runs one check of a loaded domain and stores its result (and audits changes). */
async function runCheck(db: Db, resolve: TxtResolver, domain: DomainRow, { now, actor }: { now: Date; actor: Actor | null }): Promise<VerifyResult> {
  let outcome = await checkOwnership(resolve, domain.name, domain.verificationToken);
  if (outcome.ok) {
    const elsewhere = await db.domain.findFirst({ where: { name: domain.name, status: "verified", NOT: { workspaceId: domain.workspaceId } }, select: { id: true } });
    if (elsewhere) outcome = { ok: false, reason: "TAKEN", message: `${domain.name} is verified by another workspace; a domain can belong to one workspace only.` };
  }
  const keys = await db.dkimKey.findMany({ where: { domainId: domain.id, domain: { workspaceId: domain.workspaceId } }, orderBy: { createdAt: "asc" } });
  const firstKey = !keys.some((k) => k.status === "active") ? keys.find((k) => k.status === "pending") : undefined;
  const dkim = outcome.ok && firstKey ? await checkDkimRecord(resolve, domain.name, firstKey.selector, firstKey.publicKey) : null;

  const data = nextState(domain, outcome, now, actor !== null);
  await db.$transaction(async (tx) => {
    await tx.domain.update({ where: { id: domain.id, workspaceId: domain.workspaceId }, data });
    if (dkim?.published && firstKey)
      await tx.dkimKey.update({ where: { id: firstKey.id, domainId: domain.id }, data: { status: "active", activatedAt: now } });
    if (actor || data.status !== domain.status)
      await recordAudit(tx, null, {
        action: "domain.verify",
        workspaceId: domain.workspaceId,
        target: { type: "domain", id: domain.id, label: domain.name },
        metadata: { from: domain.status, to: data.status, ...(outcome.ok ? {} : { reason: outcome.reason }), ...(dkim?.published ? { dkimActivated: dkim.selector } : {}) },
      });
  });
  return { status: data.status, outcome, dkim };
}

const DOMAIN_SELECT = { id: true, workspaceId: true, name: true, status: true, verificationToken: true, checkAttempts: true, createdAt: true, verifiedAt: true, nextCheckAt: true } as const;

/** "Verify now": check one domain of the workspace on demand. */
export async function verifyDomain({ db, env, workspaceId, domainId, actor, resolver, now = new Date() }: DomainCheckInput): Promise<VerifyResult> {
  const domain = await requireDomain(db, workspaceId, domainId, DOMAIN_SELECT);
  return runCheck(db, resolver ?? createTxtResolver(env.DNS_SERVERS), domain, { now, actor });
}

/**
 * Housekeeping: checks every domain whose next check is due (pending ones with backoff,
 * verified ones daily). Each is claimed by moving its nextCheckAt first, so relay instances
 * running this at once do not check the same domain twice.
 */
export async function recheckDueDomains(
  db: Db,
  env: Pick<Env, "DNS_SERVERS">,
  { now = new Date(), resolver, limit = 50 }: { now?: Date; resolver?: TxtResolver; limit?: number } = {},
): Promise<{ checked: number; verified: number; failed: number }> {
  const due = await db.domain.findMany({ where: { nextCheckAt: { lte: now } }, orderBy: { nextCheckAt: "asc" }, take: limit, select: DOMAIN_SELECT });
  const resolve = resolver ?? createTxtResolver(env.DNS_SERVERS);
  const report = { checked: 0, verified: 0, failed: 0 };
  for (const domain of due) {
    const { count } = await db.domain.updateMany({
      where: { id: domain.id, workspaceId: domain.workspaceId, nextCheckAt: domain.nextCheckAt },
      data: { nextCheckAt: new Date(now.getTime() + 5 * 60_000) },
    });
    if (count === 0) continue;
    const result = await runCheck(db, resolve, domain, { now, actor: null });
    report.checked++;
    if (result.outcome.ok) report.verified++;
    else report.failed++;
  }
  return report;
}

function truncate(v: string): string {
  return v.length > 80 ? `${v.slice(0, 77)}...` : v;
}
