// The accounts that sent the most in a window (the overview's "top accounts" bars): messages
// accepted, from the hourly rollup for the closed hours and live for the rest. A month of a
// workspace whose mail is spread thin over 10,000 accounts is still about a rollup row per
// message, so each account's closed-hour total is memoized (chart-cache.ts) under the rollup's
// watermark: closed hours never change, so the memo is exact, and it is replaced when the rollup
// moves on (hourly). The hour under way is added live, so the ranking is always the true one.
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { memoizeChart } from "./chart-cache";
import { HOUR_MS, type ChartWindow } from "./range";
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

/** Messages accepted per account in the closed hours [start, cut), from the rollup's covering index. */
async function closedCounts(db: Db, workspaceId: string, start: Date, cut: Date): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ account: string; n: bigint | number }[]>(Prisma.sql`
    SELECT "accountId" AS account, SUM("count") AS n FROM "VolumeHour"
    WHERE "workspaceId" = ${workspaceId} AND "kind" = 'accepted' AND "hour" >= ${start} AND "hour" < ${cut} AND "accountId" NOT IN ('*', '')
    GROUP BY "accountId"`);
  return new Map(rows.map((r) => [r.account, Number(r.n)]));
}

async function liveCounts(db: Db, workspaceId: string, from: Date, end: Date): Promise<Map<string, number>> {
  if (from > end) return new Map();
  const groups = await db.message.groupBy({ by: ["accountId"], where: { workspaceId, accountId: { not: null }, status: { not: "suppressed" }, createdAt: { gte: from, lte: end } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.accountId!, g._count._all]));
}
