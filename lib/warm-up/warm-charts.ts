// The Overview's "top accounts" sums every account's closed-hour totals for a window and keeps
// them for an hour (top-accounts.ts, per process): at 10,000 accounts that first sum is 30-90 ms,
// paid after every restart by the first person to open each range. At start the portal sums them
// for the few workspaces with the most accounts sending, where the sum is slow; a small
// workspace's is fast without it. The totals stay in this process's memory and are shown to no
// one; nothing is written or audited. A failure here only leaves a slower first Overview.
import type { Db } from "../db";
import { CHART_RANGES, type ChartRange, chartWindow } from "../charts/range";
import { topAccounts } from "../charts/top-accounts";

/** The workspaces whose accounts have the most running totals on the rollup's latest day: what a closed-hour sum reads. */
export async function busiestWorkspaces(db: Db, take: number): Promise<string[]> {
  const latest = await db.volumeDay.findFirst({ orderBy: { day: "desc" }, select: { day: true } });
  if (!latest) return [];
  const rows = await db.volumeDay.groupBy({ by: ["workspaceId"], where: { day: latest.day }, _count: { _all: true }, orderBy: { _count: { workspaceId: "desc" } }, take });
  return rows.map((r) => r.workspaceId);
}

/**
 * Resolves with how many reads failed, never rejects (the portal starts regardless); starts no
 * new read after `budgetMs`. Three workspaces: each range's totals of 10,000 accounts are ~1 MB,
 * and the chart cache keeps 16 such values.
 */
export async function warmBusiestCharts(db: Db, { workspaces = 3, budgetMs = 3_000, now = new Date() }: { workspaces?: number; budgetMs?: number; now?: Date } = {}): Promise<number> {
  const until = Date.now() + budgetMs;
  let ids: string[];
  try {
    ids = await busiestWorkspaces(db, workspaces);
  } catch {
    return 1;
  }
  let failed = 0;
  for (const workspaceId of ids)
    for (const range of Object.keys(CHART_RANGES) as ChartRange[]) {
      if (Date.now() > until) return failed;
      await topAccounts(db, { workspaceId, window: chartWindow(range, now) }).catch(() => failed++);
    }
  return failed;
}
