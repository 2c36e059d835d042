// The accounts that sent the most in a window (the overview's "top accounts" bars).
import type { Db } from "../db";
import type { ChartWindow } from "./range";

export type TopAccount = { accountId: string; label: string; count: number };

export async function topAccounts(db: Db, { workspaceId, window, limit = 5 }: { workspaceId: string; window: ChartWindow; limit?: number }): Promise<TopAccount[]> {
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
