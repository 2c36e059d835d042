// The Overview's "top accounts" sums every account's closed-hour totals for a window once and
// keeps them (top-accounts.ts, per process): at 10,000 accounts that first sum is 30-90 ms, paid
// after every restart by the first person to open each range. At start the portal sums them for
// the workspaces with the most accounts sending, where the sum is slow; a small workspace's is
// fast without it. The totals stay in this process's memory and are shown to no one; nothing is
// written or audited.
import type { Db } from "../db";
import { authFailures } from "../charts/login-activity";
import { CHART_RANGES, type ChartRange, chartWindow } from "../charts/range";
import { topAccounts } from "../charts/top-accounts";

/** The workspaces whose accounts have the most running totals on the rollup's latest day: what a closed-hour sum reads. */
export async function busiestWorkspaces(db: Db, take: number): Promise<string[]> {
  const latest = await db.volumeDay.findFirst({ orderBy: { day: "desc" }, select: { day: true } });
  if (!latest) return [];
  const rows = await db.volumeDay.groupBy({ by: ["workspaceId"], where: { day: latest.day }, _count: { _all: true }, orderBy: { _count: { workspaceId: "desc" } }, take });
  return rows.map((r) => r.workspaceId);
}

/** Resolves with how many reads failed; stops starting new ones after `budgetMs`. */
export async function warmBusiestCharts(db: Db, { workspaces = 5, budgetMs = 10_000, now = new Date() }: { workspaces?: number; budgetMs?: number; now?: Date } = {}): Promise<number> {
  const until = Date.now() + budgetMs;
  let failed = 0;
  for (const workspaceId of await busiestWorkspaces(db, workspaces)) {
    for (const range of Object.keys(CHART_RANGES) as ChartRange[]) {
      if (Date.now() > until) return failed;
      const window = chartWindow(range, now);
      const settled = await Promise.allSettled([topAccounts(db, { workspaceId, window }), authFailures(db, { workspaceId, window: chartWindow(range === "30d" ? "7d" : range, now) })]);
      failed += settled.filter((s) => s.status === "rejected").length;
    }
  }
  return failed;
}
