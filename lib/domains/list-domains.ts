import type { Db } from "../db";
import { dnsRecordsFor, type DnsRecord } from "./dns-records";

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
  accounts: { id: string; label: string; username: string }[];
};

/** The Domains page: every domain of the workspace with the records to publish. */
export async function listDomains(db: Db, { workspaceId, spfHost }: { workspaceId: string; spfHost: string }): Promise<DomainView[]> {
  const rows = await db.domain.findMany({
    where: { workspaceId },
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
      dkimKeys: { select: { selector: true, publicKey: true, status: true }, orderBy: { createdAt: "asc" } },
      smtpAccounts: { where: { workspaceId }, select: { id: true, label: true, username: true }, orderBy: { label: "asc" } },
    },
  });
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    status: d.status,
    lastCheckedAt: d.lastCheckedAt?.toISOString() ?? null,
    lastCheckError: d.lastCheckError,
    verifiedAt: d.verifiedAt?.toISOString() ?? null,
    nextCheckAt: d.nextCheckAt?.toISOString() ?? null,
    dkim: d.dkimKeys.map((k) => ({ selector: k.selector, status: k.status })),
    records: dnsRecordsFor({ name: d.name, verificationToken: d.verificationToken, dkimKeys: d.dkimKeys, spfHost }),
    accounts: d.smtpAccounts,
  }));
}
