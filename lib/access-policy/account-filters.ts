// The SMTP Accounts list's policy filters, as `where` conditions (keyset paging ANDs its cursor
// onto them): "unused for 90 days" and "expiring in 30 days" (own expiry date or the workspace's
// maximum lifetime, already expired included).
import type { Prisma } from "../generated/sqlite/client";
import { dueWarning, effectiveExpiry, type ExpiryInputs } from "./expiry";

const DAY_MS = 24 * 3600 * 1000;
export const ACCOUNT_FILTERS = ["unused-90d", "expiring-30d"] as const;
export type AccountFilter = (typeof ACCOUNT_FILTERS)[number];
export const ACCOUNT_FILTER_LABELS: Record<AccountFilter, string> = { "unused-90d": "Unused for 90 days", "expiring-30d": "Expiring in 30 days" };

/** Not used (no successful AUTH or message) for `days`; a never-used account counts once it is that old. */
export function unusedWhere(now: Date, days: number): Prisma.SmtpAccountWhereInput {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return { OR: [{ lastUsedAt: { lt: cutoff } }, { lastUsedAt: null, createdAt: { lt: cutoff } }] };
}

/** The password expires (or has expired) within `days`, by its own date or the workspace's maximum lifetime. */
export function expiringWhere(now: Date, days: number, maxPasswordLifetimeDays: number | null): Prisma.SmtpAccountWhereInput {
  const horizon = new Date(now.getTime() + days * DAY_MS);
  return {
    OR: [
      { expiresAt: { lte: horizon } },
      ...(maxPasswordLifetimeDays !== null ? [{ passwordChangedAt: { lte: new Date(horizon.getTime() - maxPasswordLifetimeDays * DAY_MS) } }] : []),
    ],
  };
}

export function filterWhere(filter: AccountFilter | undefined, now: Date, maxPasswordLifetimeDays: number | null): Prisma.SmtpAccountWhereInput {
  if (filter === "unused-90d") return unusedWhere(now, 90);
  if (filter === "expiring-30d") return expiringWhere(now, 30, maxPasswordLifetimeDays);
  return {};
}

export type ExpiryBadge = { at: string; expired: boolean; daysAhead: 14 | 3 | 0 };

/** The badge a row shows once the 14-day warning is due (the same rule as the emails). */
export function expiryBadge(inputs: ExpiryInputs, now: Date): ExpiryBadge | null {
  const at = effectiveExpiry(inputs);
  const due = dueWarning(at, now);
  return at && due !== null ? { at: at.toISOString(), expired: at.getTime() <= now.getTime(), daysAhead: due } : null;
}
