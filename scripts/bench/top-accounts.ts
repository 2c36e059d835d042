// The overview's 30-day top-accounts ranking with nothing memoized (a fresh portal process), A/B:
// "hours" sums VolumeHour over the closed hours (the shape before VolumeDay), "totals" is
// topAccounts' own read (differences of the running totals in VolumeDay), alternating.
// Seeds a scratch SQLite database (BENCH_SEED_ACCOUNTS, BENCH_SEED_MESSAGES) unless
// TOP_ACCOUNTS_DATABASE_URL names one already seeded (e.g. explain-postgres.ts's, EXPLAIN_KEEP=1);
// TOP_ACCOUNTS_KEEP=1 keeps the scratch one (its URL is printed).
//   tsx scripts/bench/top-accounts.ts [samples]
import { percentile } from "./measure";
import { loadavg } from "node:os";
import { clearChartCache } from "../../lib/charts/chart-cache";
import { chartWindow } from "../../lib/charts/range";
import { topAccounts } from "../../lib/charts/top-accounts";
import { rollupWatermark } from "../../lib/charts/volume-rollup";
import { createDb, type Db } from "../../lib/db";
import { Prisma } from "../../lib/generated/sqlite/client";
import { createTestDatabase } from "../../lib/testing/test-database";
import { seedVolume } from "./seed-volume";

async function database(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.TOP_ACCOUNTS_DATABASE_URL;
  if (url) {
    const db = createDb(url);
    return { db, drop: () => db.$disconnect() };
  }
  const t = await createTestDatabase("SQLite");
  const w = await t.db.workspace.create({ data: { slug: "acme", name: "Acme" } });
  await t.db.domain.create({ data: { workspaceId: w.id, name: "acme.test", status: "verified", verificationToken: "t" } });
  await seedVolume(t.db, t.env, { workspaceSlug: "acme", accounts: Number(process.env.BENCH_SEED_ACCOUNTS ?? 10_000), messages: Number(process.env.BENCH_SEED_MESSAGES ?? 1_000_000) });
  if (process.env.TOP_ACCOUNTS_KEEP) console.log(`kept: TOP_ACCOUNTS_DATABASE_URL=${t.env.DATABASE_URL}`);
  return { db: t.db, drop: process.env.TOP_ACCOUNTS_KEEP ? () => t.db.$disconnect() : t.drop };
}

/** The closed hours' totals as read before VolumeDay: every hour row of the window. */
async function fromHours(db: Db, workspaceId: string, start: Date, cut: Date): Promise<number> {
  const rows = await db.$queryRaw<unknown[]>(Prisma.sql`
    SELECT "accountId" AS account, SUM("count") AS n FROM "VolumeHour"
    WHERE "workspaceId" = ${workspaceId} AND "kind" = 'accepted' AND "hour" >= ${start} AND "hour" < ${cut} AND "accountId" NOT IN ('*', '')
    GROUP BY "accountId"`);
  return rows.length;
}


async function main() {
  const samples = Number(process.argv[2] ?? 20);
  const { db, drop } = await database();
  try {
    const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: "acme" } })).id;
    const window = chartWindow("30d");
    const cut = (await rollupWatermark(db)) ?? window.end;
    const [hourRows, dayRows] = await Promise.all([
      db.volumeHour.count({ where: { workspaceId, kind: "accepted", hour: { gte: window.start, lt: cut } } }),
      db.volumeDay.count({ where: { workspaceId, day: { gte: window.start, lt: cut } } }),
    ]);
    const times = { hours: [] as number[], totals: [] as number[] };
    for (let i = 0; i < samples; i++) {
      for (const variant of i % 2 ? (["totals", "hours"] as const) : (["hours", "totals"] as const)) {
        clearChartCache();
        const t0 = performance.now();
        if (variant === "hours") await fromHours(db, workspaceId, window.start, cut);
        else await topAccounts(db, { workspaceId, window });
        times[variant].push(performance.now() - t0);
      }
    }
    for (const [variant, xs] of Object.entries(times)) console.log(`${variant}: p50 ${percentile(xs, 0.5).toFixed(1)} ms, p95 ${percentile(xs, 0.95).toFixed(1)} ms over ${samples}`);
    console.log(`${hourRows} hour rows in the window, ${dayRows} day rows (totals reads two days' and at most 12 hours'); load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  } finally {
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
