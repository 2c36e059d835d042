// The portal's start-up queries (warm-queries.ts) and the busiest workspaces' chart totals
// (warm-charts.ts), run by instrumentation.ts's register(): PORTAL_WARM_UP=false skips them, as
// it skips the route warm-up of scripts/portal-warm-up.ts.
import { getDb } from "../db";
import { getEnv } from "../env";
import { warmBusiestCharts } from "./warm-charts";
import { warmQueries } from "./warm-queries";

export async function warmUpAtStart(): Promise<void> {
  if (!getEnv().PORTAL_WARM_UP) return;
  const failed = (await warmQueries(getDb())) + (await warmBusiestCharts(getDb()));
  if (failed > 0) process.stderr.write(`portal: warm-up: ${failed} start-up queries failed; the first pages will be slower\n`);
}
