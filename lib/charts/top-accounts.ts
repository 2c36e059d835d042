// The accounts that sent the most in a window (the overview's "top accounts" bars): messages
// accepted, from the rollup for the closed hours and live for the rest. A month of a workspace
// whose mail is spread thin over 10,000 accounts is about an hourly rollup row per message, so
// the closed hours' counts are differences of the accounts' running totals (VolumeDay), read at
// the window's two ends. Closed hours never change, so the closed counts are also memoized
// (chart-cache.ts) under the rollup's watermark until it moves on (hourly); the hour under way
// is added live, so the ranking is always the true one.
import { type Db, providerOf } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { memoizeChart } from "./chart-cache";
import { bucketOf, DAY_MS, HOUR_MS, type ChartWindow } from "./range";
import { rollupWatermark } from "./volume-rollup";

export type TopAccount = { accountId: string; label: string; count: number };

export async function topAccounts(db: Db, { workspaceId, window, limit = 5 }: { workspaceId: string; window: ChartWindow; limit?: number }): Promise<TopAccount[]> {
  const mark = await rollupWatermark(db);
  const cut = mark && mark > window.start ? (mark < window.end ? mark : window.end) : window.start;
  const key = ["top-accounts", workspaceId, window.start.toISOString(), cut.toISOString()].join("|");
  const [closed, live] = await Promise.all([
    cut > window.start ? memoizeChart(key, () => closedCounts(db, workspaceId, window.start, cut, mark!), Date.now(), HOUR_MS) : Promise.resolve(new Map<string, number>()),
    liveCounts(db, workspaceId, cut, window.end),
  ]);
  const totals = new Map(closed);
  for (const [id, n] of live) totals.set(id, (totals.get(id) ?? 0) + n);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  const accounts = await db.smtpAccount.findMany({ where: { workspaceId, id: { in: top.map(([id]) => id) } }, select: { id: true, label: true } });
  const labels = new Map(accounts.map((a) => [a.id, a.label]));
  return top.map(([accountId, count]) => ({ accountId, label: labels.get(accountId) ?? "deleted account", count }));
}

/** Messages accepted per account in the closed hours [start, cut): what each had sent before `cut`, less what it had sent before `start`. */
async function closedCounts(db: Db, workspaceId: string, start: Date, cut: Date, mark: Date): Promise<Map<string, number>> {
  const ceilHour = (d: Date) => Math.ceil(d.getTime() / HOUR_MS) * HOUR_MS;
  const [after, before] = await Promise.all([sentBefore(db, workspaceId, ceilHour(cut), mark.getTime()), sentBefore(db, workspaceId, ceilHour(start), mark.getTime())]);
  const counts = new Map<string, number>();
  for (const [id, n] of after) if (n - (before.get(id) ?? 0) > 0) counts.set(id, n - (before.get(id) ?? 0));
  return counts;
}

/**
 * Messages each account accepted before the closed hour boundary `t` (≤ the watermark): the
 * running total at the end of the day before t's day plus the hours of t's day up to t, or, when
 * fewer hours, the total of t's day so far less its hours from t on. About a row per account and
 * at most 12 hours of rows, where summing VolumeHour over a month reads about a row per message.
 * VolumeHour is read through its (workspaceId, kind, hour) index, named on SQLite (see volume-hours.ts).
 */
async function sentBefore(db: Db, workspaceId: string, t: number, mark: number): Promise<Map<string, number>> {
  const day = bucketOf(t, DAY_MS);
  const dayClosedUntil = Math.min(mark, day + DAY_MS);
  const fromDayBefore = t - day <= dayClosedUntil - t;
  const [rowDay, hoursFrom, hoursTo, sign] = fromDayBefore ? [day - DAY_MS, day, t, 1] : [day, t, dayClosedUntil, -1];
  const hours = Prisma.raw(providerOf(db) === "sqlite" ? `"VolumeHour" INDEXED BY "VolumeHour_workspaceId_kind_hour_accountId_count_idx"` : `"VolumeHour"`);
  const rows = await db.$queryRaw<{ account: string; n: bigint | number }[]>(Prisma.sql`
    SELECT "accountId" AS account, "total" AS n FROM "VolumeDay" WHERE "workspaceId" = ${workspaceId} AND "day" = ${new Date(rowDay)}
    UNION ALL
    SELECT "accountId" AS account, ${sign} * "count" AS n FROM ${hours}
    WHERE "workspaceId" = ${workspaceId} AND "kind" = 'accepted' AND "hour" >= ${new Date(hoursFrom)} AND "hour" < ${new Date(hoursTo)} AND "accountId" NOT IN ('*', '')`);
  const sent = new Map<string, number>();
  for (const r of rows) sent.set(r.account, (sent.get(r.account) ?? 0) + Number(r.n));
  return sent;
}

async function liveCounts(db: Db, workspaceId: string, from: Date, end: Date): Promise<Map<string, number>> {
  if (from > end) return new Map();
  const groups = await db.message.groupBy({ by: ["accountId"], where: { workspaceId, accountId: { not: null }, status: { not: "suppressed" }, createdAt: { gte: from, lte: end } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.accountId!, g._count._all]));
}
