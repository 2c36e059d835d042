// The relay's housekeeping pass over closed hours: the chart volumes (volume-rollup.ts) and the
// Delivery Logs status counts (status-rollup.ts), each under its own watermark, then the status
// changes recorded since the last pass folded into their counts.
import type { Db } from "../db";
import { foldStatusChanges, rollUpStatusHours } from "./status-rollup";
import { rollUpClosedHours } from "./volume-rollup";

/**
 * Passes until every closed hour is counted, or until `budgetMs` has gone by (the relay's
 * housekeeping: a first run over a long history catches up over a few minutes, a pass — one
 * short write transaction — at a time). Without a budget, to the end (the benchmark seeder, tests).
 */
export async function rollUpAllClosedHours(db: Db, now = new Date(), budgetMs = Infinity): Promise<number> {
  const until = performance.now() + budgetMs;
  let rows = 0;
  for (const pass of [rollUpClosedHours, rollUpStatusHours]) {
    while (performance.now() < until) {
      const done = await pass({ db, now });
      if (!done) break;
      rows += done.rows;
    }
  }
  return rows + (await foldStatusChanges(db));
}
