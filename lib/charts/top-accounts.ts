// The accounts that sent the most in a window (the overview's "top accounts" bars). Grouping a
// month of a busy workspace reads every message of it, so the ranking is memoized for a minute
// (chart-cache.ts); the window's start is a whole hour or day, so reloads share it.
import type { Db } from "../db";
import { memoizeChart } from "./chart-cache";
import type { ChartWindow } from "./range";

export type TopAccount = { accountId: string; label: string; count: number };

export function topAccounts(db: Db, { workspaceId, window, limit = 5 }: { workspaceId: string; window: ChartWindow; limit?: number }): Promise<TopAccount[]> {
  return memoizeChart(["top-accounts", workspaceId, window.start.toISOString(), limit].join("|"), () => rankAccounts(db, workspaceId, window, limit));
}

async function rankAccounts(db: Db, workspaceId: string, window: ChartWindow, limit: number): Promise<TopAccount[]> {
  const groups = await db.message.groupBy({
    by: ["accountId"],
    where: { workspaceId, accountId: { not: null }, createdAt: { gte: window.start, lte: window.end } },
    _count: { _all: true },
    orderBy: { _count: { accountId: "desc" } },
    take: limit,
  });
  const ids = groups.map((g) => g.accountId!);
  const accounts = await db.smtpAccount.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, label: true } });
  const labels = new Map(accounts.map((a) => [a.id, a.label]));
  return groups.map((g) => ({ accountId: g.accountId!, label: labels.get(g.accountId!) ?? "deleted account", count: g._count._all }));
}
