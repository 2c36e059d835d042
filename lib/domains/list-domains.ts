import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { NOT_FOUND_MESSAGES } from "../tenancy/loaders";
import { dnsRecordsFor, type DnsRecord } from "./dns-records";
import { retiredKeysToKeep } from "./retired-key";

/** Names of the workspace's verified domains (where accounts may send from). */
export async function listVerifiedDomainNames(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.domain.findMany({ where: { workspaceId, status: "verified" }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

export type DomainView = {
  id: string;
  name: string;
  status: string;
  lastCheckedAt: string | null;
  lastCheckError: string | null;
  verifiedAt: string | null;
  nextCheckAt: string | null;
  dkim: { selector: string; status: string }[];
  records: DnsRecord[];
  /** How many SMTP accounts send from the domain, and the first few by label. */
  accountCount: number;
  accounts: { id: string; label: string }[];
};

/** How many accounts a domain card names; thousands may use one domain. */
export const DOMAIN_ACCOUNTS_SHOWN = 5;

/** The Domains page: every domain of the workspace with the records to publish (and to keep). */
export async function listDomains(
  db: Db,
  { workspaceId, domainId, spfHost, maxQueueAgeSeconds = 5 * 86_400, now = new Date() }: { workspaceId: string; /** One domain only */ domainId?: string; spfHost: string; /** RELAY_MAX_QUEUE_AGE */ maxQueueAgeSeconds?: number; now?: Date },
): Promise<DomainView[]> {
  const rows = await db.domain.findMany({
    where: { workspaceId, ...(domainId ? { id: domainId } : {}) },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      status: true,
      verificationToken: true,
      lastCheckedAt: true,
      lastCheckError: true,
      verifiedAt: true,
      nextCheckAt: true,
      dkimKeys: { select: { id: true, selector: true, publicKey: true, status: true, retiredAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const views: DomainView[] = [];
  for (const d of rows) {
    const [keep, accountCount, accounts] = await Promise.all([
      retiredKeysToKeep(db, { workspaceId, domain: d.name, keys: d.dkimKeys, maxQueueAgeSeconds, now }),
      // Both over SmtpAccount(domainId, workspaceId, label, id): Prisma's nested `take` would
      // read every account of the domain and cut the list in memory (11 ms at 10,000).
      db.smtpAccount.count({ where: { workspaceId, domainId: d.id } }),
      db.smtpAccount.findMany({ where: { workspaceId, domainId: d.id }, select: { id: true, label: true }, orderBy: [{ label: "asc" }, { id: "asc" }], take: DOMAIN_ACCOUNTS_SHOWN }),
    ]);
    const dkimKeys = d.dkimKeys.map((k) => ({ ...k, keepUntil: keep.get(k.id) }));
    views.push({
      id: d.id,
      name: d.name,
      status: d.status,
      lastCheckedAt: d.lastCheckedAt?.toISOString() ?? null,
      lastCheckError: d.lastCheckError,
      verifiedAt: d.verifiedAt?.toISOString() ?? null,
      nextCheckAt: d.nextCheckAt?.toISOString() ?? null,
      dkim: d.dkimKeys.map((k) => ({ selector: k.selector, status: k.status })),
      records: dnsRecordsFor({ name: d.name, verificationToken: d.verificationToken, dkimKeys, spfHost }),
      accountCount,
      accounts,
    });
  }
  return views;
}

/** One domain's records to publish (the API's DNS records), or NOT_FOUND outside the workspace. */
export async function domainDnsRecords(db: Db, input: { workspaceId: string; domainId: string; spfHost: string; maxQueueAgeSeconds?: number; now?: Date }) {
  const [domain] = await listDomains(db, input);
  if (!domain) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGES.domain);
  return { domainId: domain.id, name: domain.name, records: domain.records };
}
