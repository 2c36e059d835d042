// Next.js runs register() once as the portal's server starts, before it serves a request: the
// start-up queries of lib/warm-up/warm-queries.ts (PORTAL_WARM_UP=false skips them, and the
// route warm-up of scripts/portal-warm-up.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  if (!getEnv().PORTAL_WARM_UP) return;
  const { getDb } = await import("./lib/db");
  const { warmQueries } = await import("./lib/warm-up/warm-queries");
  const failed = await warmQueries(getDb());
  if (failed > 0) process.stderr.write(`portal: warm-up: ${failed} start-up queries failed; the first pages will be slower\n`);
}
