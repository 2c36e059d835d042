// What the portal shows of the access policies: an account's three policies with its effective
// expiry, the refused attempts from addresses outside its allowlist grouped by IP, and the
// workspace's maximum lifetime. Reads only; the relay's housekeeping sends the warnings.
import type { Db } from "../db";
import { listVerifiedDomainNames } from "../domains/list-domains";
import { requireAccount } from "../tenancy/loaders";
import { expiryBadge, expiringWhere, type ExpiryBadge } from "./account-filters";
import { effectiveExpiry } from "./expiry";

/** Most IPs listed under refused attempts (the busiest, most recent first). */
const REFUSED_IPS = 20;

export async function workspaceMaxLifetime(db: Db, workspaceId: string): Promise<number | null> {
  const row = await db.workspace.findUnique({ where: { id: workspaceId }, select: { maxPasswordLifetimeDays: true } });
  return row?.maxPasswordLifetimeDays ?? null;
}

export type RefusedIp = { ip: string; count: number; lastAt: Date };

export type AccountPoliciesView = {
  ipAllowlist: string | null;
  allowedSenders: string | null;
  expiresAt: Date | null;
  maxPasswordLifetimeDays: number | null;
  effectiveExpiry: Date | null;
  expiry: ExpiryBadge | null;
  verifiedDomains: string[];
  refused: RefusedIp[];
};

export async function getAccountPolicies(db: Db, { workspaceId, accountId, now = new Date() }: { workspaceId: string; accountId: string; now?: Date }): Promise<AccountPoliciesView> {
  const [account, maxPasswordLifetimeDays, verifiedDomains, refused] = await Promise.all([
    requireAccount(db, workspaceId, accountId, { ipAllowlist: true, allowedSenders: true, expiresAt: true, passwordChangedAt: true }),
    workspaceMaxLifetime(db, workspaceId),
    listVerifiedDomainNames(db, workspaceId),
    db.loginEvent.groupBy({
      by: ["clientIp"],
      where: { workspaceId, accountId, reason: "ip_not_allowed" },
      _count: { _all: true },
      _max: { createdAt: true },
      orderBy: { _max: { createdAt: "desc" } },
      take: REFUSED_IPS,
    }),
  ]);
  const inputs = { ...account, maxPasswordLifetimeDays };
  return {
    ipAllowlist: account.ipAllowlist,
    allowedSenders: account.allowedSenders,
    expiresAt: account.expiresAt,
    maxPasswordLifetimeDays,
    effectiveExpiry: effectiveExpiry(inputs),
    expiry: expiryBadge(inputs, now),
    verifiedDomains,
    refused: refused.map((r) => ({ ip: r.clientIp, count: r._count._all, lastAt: r._max.createdAt! })),
  };
}

/** How many accounts of the workspace expire within 14 days (or have expired): the list's banner. */
export async function countExpiringSoon(db: Db, { workspaceId, maxPasswordLifetimeDays, now = new Date() }: { workspaceId: string; maxPasswordLifetimeDays: number | null; now?: Date }): Promise<number> {
  // Ordered by expiry so SQLite walks the expiry index (the accounts that expire) instead of
  // reading every account of the workspace, which its planner otherwise prefers: 1 → 0.01 ms.
  return db.smtpAccount.count({ where: { workspaceId, status: "active", ...expiringWhere(now, 14, maxPasswordLifetimeDays) }, orderBy: [{ expiresAt: "asc" }, { id: "asc" }] });
}
