// The accounts that sent the most in a window (the overview's "top accounts" bars): messages
// accepted, from the rollup for the closed hours and live for the rest. A month of a workspace
// whose mail is spread thin over 10,000 accounts is about an hourly rollup row per message, so
// whole days are read from the daily rollup (VolumeDay: a row per account and day) and only the
// window's ends from the hourly one. Closed hours never change, so each account's closed total
// is also memoized (chart-cache.ts) under the rollup's watermark until it moves on (hourly);
// the hour under way is added live, so the ranking is always the true one.
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
    cut > window.start ? memoizeChart(key, () => closedCounts(db, workspaceId, window.start, cut), Date.now(), HOUR_MS) : Promise.resolve(new Map<string, number>()),
    liveCounts(db, workspaceId, cut, window.end),
  ]);
  const totals = new Map(closed);
  for (const [id, n] of live) totals.set(id, (totals.get(id) ?? 0) + n);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  const accounts = await db.smtpAccount.findMany({ where: { workspaceId, id: { in: top.map(([id]) => id) } }, select: { id: true, label: true } });
  const labels = new Map(accounts.map((a) => [a.id, a.label]));
  return top.map(([accountId, count]) => ({ accountId, label: labels.get(accountId) ?? "deleted account", count }));
}

/**
 * Messages accepted per account in the closed hours [start, cut): whole days from VolumeDay, the
 * ragged ends (before the first whole day, after the last) from VolumeHour, in one statement.
 * Each table is read through its (workspaceId, kind, time, accountId, count) index, named on
 * SQLite, whose planner without statistics would walk the key's order instead (every kind of every account).
 */
async function closedCounts(db: Db, workspaceId: string, start: Date, cut: Date): Promise<Map<string, number>> {
  const firstDay = new Date(Math.ceil(start.getTime() / DAY_MS) * DAY_MS);
  const lastDay = new Date(bucketOf(cut.getTime(), DAY_MS));
  const sqlite = providerOf(db) === "sqlite";
  const hours = Prisma.raw(sqlite ? `"VolumeHour" INDEXED BY "VolumeHour_workspaceId_kind_hour_accountId_count_idx"` : `"VolumeHour"`);
  const days = Prisma.raw(sqlite ? `"VolumeDay" INDEXED BY "VolumeDay_workspaceId_kind_day_accountId_count_idx"` : `"VolumeDay"`);
  const accepted = (table: Prisma.Sql, column: string, from: Date, to: Date) => Prisma.sql`
    SELECT "accountId" AS account, "count" AS n FROM ${table}
    WHERE "workspaceId" = ${workspaceId} AND "kind" = 'accepted' AND ${Prisma.raw(`"${column}"`)} >= ${from} AND ${Prisma.raw(`"${column}"`)} < ${to} AND "accountId" NOT IN ('*', '')`;
  const parts =
    firstDay < lastDay
      ? [accepted(hours, "hour", start, firstDay), accepted(days, "day", firstDay, lastDay), accepted(hours, "hour", lastDay, cut)]
      : [accepted(hours, "hour", start, cut)];
  const rows = await db.$queryRaw<{ account: string; n: bigint | number }[]>(Prisma.sql`
    SELECT account, SUM(n) AS n FROM (${Prisma.join(parts, " UNION ALL ")}) AS closed GROUP BY account`);
  return new Map(rows.map((r) => [r.account, Number(r.n)]));
}

async function liveCounts(db: Db, workspaceId: string, from: Date, end: Date): Promise<Map<string, number>> {
  if (from > end) return new Map();
  const groups = await db.message.groupBy({ by: ["accountId"], where: { workspaceId, accountId: { not: null }, status: { not: "suppressed" }, createdAt: { gte: from, lte: end } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.accountId!, g._count._all]));
}
