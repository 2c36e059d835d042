// Portal benchmark (issues 4 and 7): with 10,000 accounts in one workspace and 1,000,000
// messages, the SMTP Accounts page's server render, reveal and reset, the Delivery Logs page
// for an account over 7 days and for a recipient domain, and the portal's memory while it
// streams a 100,000-row CSV export, on SQLite and (when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names a server) PostgreSQL, each beside a static
// page of the same app measured in the same run. Prints a table and a final JSON line.
// Sizes: BENCH_SEED_ACCOUNTS (10000), BENCH_SEED_MESSAGES (1000000), BENCH_PORTAL_SAMPLES (200);
// BENCH_DATABASES=sqlite or postgresql runs only that one.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { createDb } from "../lib/db";
import { actionHeaders, parseActionReply } from "../stack/server-actions";
import { startStack } from "../stack/start-stack";
import { printTable, type Sample, sample } from "./bench/measure";
import { seedVolume } from "./bench/seed-volume";

const ACCOUNTS = Number(process.env.BENCH_SEED_ACCOUNTS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_SEED_MESSAGES ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_PORTAL_SAMPLES ?? 200);

type CsvMemory = { rows: number; megabytes: number; seconds: number; rssBeforeMb: number; rssPeakMb: number; rssGrowthMb: number };
type Result = { database: string; seedSeconds: number; samples: (Sample & { goal?: string; baselineRatio?: number })[]; csv: CsvMemory };

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** Streams a 100,000-row export (every message is 2 s apart) while sampling the portal's RSS. */
async function csvExportMemory(base: string, cookie: string, portalPid: number): Promise<CsvMemory> {
  global.gc?.();
  const rssBeforeMb = rssMb(portalPid);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(portalPid))), 50);
  const from = new Date(Date.now() - 200_000 * 1000).toISOString();
  const t0 = performance.now();
  const res = await fetch(`${base}/api/w/acme/delivery-logs/export?from=${encodeURIComponent(from)}`, { headers: { cookie } });
  let bytes = 0;
  let rows = -1; // the header line
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) rows++;
  }
  clearInterval(sampler);
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  return { rows, megabytes: Math.round(bytes / 1e5) / 10, seconds, rssBeforeMb, rssPeakMb, rssGrowthMb: rssPeakMb - rssBeforeMb };
}

async function benchDatabase(database: "sqlite" | "postgresql", url?: string): Promise<Result> {
  const env: Record<string, string> = { REVEAL_RATE_LIMIT: "100000000", RESET_RATE_LIMIT: "100000000", STEP_UP_MAX_AGE: "86400", LOG_LEVEL: "warn" };
  if (url) env.DATABASE_URL = url;
  const stack = await startStack({ env });
  const db = createDb(stack.env.DATABASE_URL);
  try {
    const t0 = performance.now();
    const { accountIds } = await seedVolume(db, stack.env, { workspaceSlug: "acme", accounts: ACCOUNTS, messages: MESSAGES });
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`[${database}] seeded ${ACCOUNTS} accounts and ${MESSAGES} messages in ${seedSeconds} s`);

    const admin = await db.user.findFirstOrThrow({ where: { email: "admin@acme.test" } });
    const sid = randomBytes(32).toString("base64url");
    await db.session.create({ data: { sessionToken: sid, userId: admin.id, expires: new Date(Date.now() + 86_400_000), authTime: new Date(), lastSeenAt: new Date() } });
    const cookie = `next-auth.session-token=${await encode({ token: { sid }, secret: stack.env.NEXTAUTH_SECRET })}`;
    // Server actions check that Origin matches the Host: use the portal's own URL for both.
    const base = stack.env.PORTAL_URL;
    const origin = stack.env.PORTAL_URL;

    const get = (path: string, expect: string) => async () => {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200 || !body.includes(expect)) throw new Error(`GET ${path}: HTTP ${res.status}`);
    };
    const action = (name: string) => async (i: number) => {
      const accountId = accountIds[(i + ACCOUNTS) % ACCOUNTS]!;
      const res = await fetch(`${base}/w/acme/smtp-accounts`, { method: "POST", headers: { ...actionHeaders(name, origin), cookie }, body: JSON.stringify([{ workspace: "acme", accountId }]) });
      const reply = parseActionReply(await res.text());
      if (!reply?.ok) throw new Error(`${name}: ${JSON.stringify(reply)}`);
    };

    const warm = Math.min(30, SAMPLES);
    const baseline = await sample("baseline: static help page", SAMPLES, warm, get("/help/smtp-credentials", "Your SMTP credentials"));
    const rows: Result["samples"] = [baseline];
    const add = async (name: string, goal: number, run: (i: number) => Promise<void>) => {
      const s = await sample(name, SAMPLES, warm, run);
      rows.push({ ...s, goal: `p95 ≤ ${goal}`, baselineRatio: s.p95 / baseline.p95 });
    };
    await add("SMTP Accounts page 1 (by label)", 100, get("/w/acme/smtp-accounts", "Bench account"));
    await add("SMTP Accounts, last used, newest first", 100, get("/w/acme/smtp-accounts?sort=lastUsed&dir=desc", "Bench account"));
    const probe = String(Math.min(999, ACCOUNTS - 1)).padStart(5, "0");
    await add("SMTP Accounts, search", 100, get(`/w/acme/smtp-accounts?q=${encodeURIComponent(`account ${probe}`)}`, `Bench account ${probe}`));
    await add(`SMTP Accounts, page ${Math.max(1, Math.floor(ACCOUNTS / 50) - 1)}`, 100, get(`/w/acme/smtp-accounts?page=${Math.max(1, Math.floor(ACCOUNTS / 50) - 1)}`, "Bench account"));
    const someAccount = accountIds[Math.min(42, ACCOUNTS - 1)]!;
    await add("Delivery Logs: account + last 7 days", 100, get(`/w/acme/delivery-logs?account=${someAccount}&preset=7d`, "Bench message"));
    await add("Delivery Logs: recipient domain", 100, get("/w/acme/delivery-logs?rcpt=example7.test&preset=7d", "Bench message"));
    await add("reveal (View Credentials action)", 50, action("revealCredentialsAction"));
    await add("reset (Reset Password action)", 50, action("resetPasswordAction"));
    const csv = await csvExportMemory(base, cookie, stack.pid("portal")!);
    console.log(`[${database}] CSV export: ${csv.rows} rows, ${csv.megabytes} MB in ${csv.seconds} s; portal RSS ${csv.rssBeforeMb} MB before, ${csv.rssPeakMb} MB peak (+${csv.rssGrowthMb} MB; goal < 50)`);
    printTable(`Portal on ${database}: ${ACCOUNTS} accounts, ${MESSAGES} messages (latency of the full HTTP request)`, rows);
    return { database, seedSeconds, samples: rows, csv };
  } finally {
    await db.$disconnect();
    await stack.stop();
    // A million messages take gigabytes: leave nothing behind.
    fs.rmSync(stack.dataDir, { recursive: true, force: true });
  }
}

async function withScratchPostgres<T>(serverUrl: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `migosmtp_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function main() {
  // BENCH_DATABASES=postgresql (or sqlite) runs one of the two.
  const only = process.env.BENCH_DATABASES;
  const results: Result[] = only && !only.includes("sqlite") ? [] : [await benchDatabase("sqlite")];
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pgUrl && (!only || only.includes("postgresql"))) results.push(await withScratchPostgres(pgUrl, (url) => benchDatabase("postgresql", url)));
  else console.log("\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it.)");
  const summary = Object.fromEntries(
    results.map((r) => [r.database, { ...Object.fromEntries(r.samples.map((s) => [s.name, { p50: s.p50, p95: s.p95, p99: s.p99 }])), csvExport: r.csv }]),
  );
  console.log(JSON.stringify({ bench: "portal", accounts: ACCOUNTS, messages: MESSAGES, samples: SAMPLES, results: summary }));
}

main().catch((error: unknown) => {
  console.error(`bench-portal failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
