// Portal benchmark: with 10,000 accounts in one workspace and 1,000,000 messages, the SMTP
// Accounts page (sorts, search, a deep keyset page), reveal and reset, the Delivery Logs page
// (no filter, account + 7 days, a status, a common and a rare recipient domain, an address, a cursor page,
// recipient combined with account and status), the overview and account charts, the other workspace
// pages (Domains, Audit Log, Suppressions, Webhooks), the account filter's
// options, and the memory of the CSV export, on SQLite and (when BENCH_DATABASE_URL or
// TEST_DATABASE_URL names a server) PostgreSQL.
//
// Each row samples several URLs in turn, alternating with the static help page, so its ratio
// compares like with like on a shared machine. Nothing else runs meanwhile: the seed's deferred
// messages are due in 30 days, and sampling waits until no message is due. A "cold" pass
// restarts the stack (portal, relay, IdP) on the same data and times the first requests of a
// fresh portal process; the database's own cache stays warm (dropping the OS page cache needs
// root), so cold means a new Node process: JIT, module loading, connection pool.
// Sizes: BENCH_SEED_ACCOUNTS (10000), BENCH_SEED_MESSAGES (1000000), BENCH_PORTAL_SAMPLES (200),
// BENCH_COLD_SAMPLES (20 a row after each of BENCH_COLD_RESTARTS, 3), BENCH_CSV_RUNS (3: the CSV memory figures are measured that many
// times over); BENCH_DATABASES=sqlite or postgresql runs only that one.
import fs from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { createDb, type Db } from "../lib/db";
import { listMessages } from "../lib/delivery-logs/list-messages";
import { encodeAccountCursor } from "../lib/smtp-accounts/account-cursor";
import { actionHeaders, parseActionReply } from "../stack/server-actions";
import { type Stack, startStack } from "../stack/start-stack";
import { csvHeap, type CsvHeap, portalExports, type PortalExports } from "./bench/csv-memory";
import { type ComparedSample, pooled, printTable, sampleAgainstBaseline } from "./bench/measure";
import { seedVolume } from "./bench/seed-volume";
import { signedInCookie } from "./bench/signed-in-cookie";

const ACCOUNTS = Number(process.env.BENCH_SEED_ACCOUNTS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_SEED_MESSAGES ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_PORTAL_SAMPLES ?? 200);
const COLD_SAMPLES = Number(process.env.BENCH_COLD_SAMPLES ?? 20);
const COLD_RESTARTS = Number(process.env.BENCH_COLD_RESTARTS ?? 3);
const CSV_RUNS = Number(process.env.BENCH_CSV_RUNS ?? 3);
const MEMORY_GOAL_MB = 50;

type Row = { name: string; goal: number; run: (i: number) => Promise<void> };
type Result = {
  database: string;
  seedSeconds: number;
  samples: ComparedSample[];
  cold: (ComparedSample & { firstMs: number })[];
  /** Whole responses (HTML with its inline RSC payload), uncompressed. */
  pageKb: { accounts: number; deliveryLogs: number };
  csvHeap: CsvHeap[];
  portalExports: PortalExports[];
};

/** Waits until no message is queued or due, so the relay's delivery work stays out of the samples. */
async function waitForIdleQueue(db: Db, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const due = await db.message.count({ where: { status: { in: ["queued", "deferred"] }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: new Date() } }] } });
    if (due === 0) return;
    if (Date.now() > until) throw new Error(`${due} messages still due for delivery after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A cursor some pages into a Delivery Logs query, for the "older pages" samples. */
async function cursorAfterPages(db: Db, workspaceId: string, query: { rcpt?: string; account?: string; preset?: "7d" }, pages: number): Promise<string> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) cursor = (await listMessages({ db, workspaceId, query: { ...query, cursor } })).nextCursor ?? cursor;
  if (!cursor) throw new Error(`no cursor for ${JSON.stringify(query)}`);
  return cursor;
}

function rowsFor(get: (path: string, expect: string) => () => Promise<void>, action: (name: string) => (i: number) => Promise<void>, c: Cursors): Row[] {
  const rotate = (...runs: (() => Promise<void>)[]) => (i: number) => runs[Math.abs(i) % runs.length]!();
  const probe = String(Math.min(999, ACCOUNTS - 1)).padStart(5, "0");
  const logs = "/w/acme/delivery-logs";
  return [
    { name: "SMTP Accounts page 1 (label, username, created)", goal: 100, run: rotate(get("/w/acme/smtp-accounts", "Bench account"), get("/w/acme/smtp-accounts?sort=username", "Bench account"), get("/w/acme/smtp-accounts?sort=created&dir=desc", "Bench account")) },
    { name: "SMTP Accounts, last used (both directions)", goal: 100, run: rotate(get("/w/acme/smtp-accounts?sort=lastUsed&dir=desc", "Bench account"), get("/w/acme/smtp-accounts?sort=lastUsed&dir=asc", "Bench account")) },
    {
      name: "SMTP Accounts, search (one match, any case, many)",
      goal: 100,
      run: rotate(get(`/w/acme/smtp-accounts?q=${encodeURIComponent(`account ${probe}`)}`, `Bench account ${probe}`), get(`/w/acme/smtp-accounts?q=${encodeURIComponent(`BENCH ACCOUNT ${probe}`)}`, `Bench account ${probe}`), get("/w/acme/smtp-accounts?q=account%200", "Bench account")),
    },
    { name: "SMTP Accounts, deep keyset page (label, created)", goal: 100, run: rotate(get(`/w/acme/smtp-accounts?after=${c.accountsDeep}`, "Bench account"), get(`/w/acme/smtp-accounts?sort=created&dir=asc&after=${c.accountsDeepCreated}`, "Bench account")) },
    // No filter: the 30-day volume strip over the whole workspace (the hourly rollup) and the newest page.
    { name: "Delivery Logs: no filter, 24 h", goal: 100, run: rotate(get(logs, "Bench message"), get(`${logs}?preset=24h`, "Bench message")) },
    {
      name: "Delivery Logs: account + 7 days (2 accounts, page 2)",
      goal: 100,
      run: rotate(get(`${logs}?account=${c.account}&preset=7d`, "Bench message"), get(`${logs}?account=${c.account2}&preset=7d`, "Bench message"), get(`${logs}?account=${c.account}&cursor=${c.accountPage}`, "Bench message")),
    },
    {
      name: "Delivery Logs: recipient (common, rare, page 20, address)",
      goal: 100,
      run: rotate(
        get(`${logs}?rcpt=example7.test&preset=7d`, "Bench message"),
        get(`${logs}?rcpt=rare.test&preset=7d`, "Bench message"),
        get(`${logs}?rcpt=example7.test&preset=7d&cursor=${c.domainPage}`, "Bench message"),
        get(`${logs}?rcpt=rare.test`, "Bench message"),
        get(`${logs}?rcpt=user7%40example7.test&preset=7d`, "Bench message"),
      ),
    },
    // A status alone: "delivered" is most of the workspace's mail, counted per hour for the strip.
    { name: "Delivery Logs: status (delivered 7 days, deferred)", goal: 100, run: rotate(get(`${logs}?status=delivered&preset=7d`, "Bench message"), get(`${logs}?status=deferred`, "Bench message")) },
    { name: "Delivery Logs: recipient + account / + status", goal: 100, run: rotate(get(`${logs}?rcpt=example7.test&account=${c.domainAccount}`, "Bench message"), get(`${logs}?rcpt=example7.test&status=delivered&preset=7d`, "Bench message")) },
    // The charts of the portal experience: grouped by hour (by day for 30 d) over the window.
    { name: "Overview charts (24 h, 7 d, 30 d)", goal: 100, run: rotate(get("/w/acme/overview?range=24h", "Overview"), get("/w/acme/overview?range=7d", "Overview"), get("/w/acme/overview?range=30d", "Overview")) },
    { name: "Account page with its charts (2 accounts)", goal: 100, run: rotate(get(`/w/acme/smtp-accounts/${c.account}`, "Bench account"), get(`/w/acme/smtp-accounts/${c.account2}`, "Bench account")) },
    // The other workspace pages, at the same volume: Domains counts and names the 10,000 accounts of the seeded domain.
    { name: "Domains, Audit Log, Suppressions, Webhooks", goal: 100, run: rotate(get("/w/acme/domains", "Used by"), get("/w/acme/audit-log", "Audit Log"), get("/w/acme/suppressions", "Suppression list"), get("/w/acme/webhooks", "Webhooks")) },
    { name: "Account filter options (search as you type)", goal: 100, run: rotate(get("/api/w/acme/account-options?q=", "options"), get("/api/w/acme/account-options?q=account%2000", "options"), get("/api/w/acme/account-options?q=ACCOUNT%200999", "options")) },
    { name: "reveal (View Credentials action)", goal: 50, run: action("revealCredentialsAction") },
    { name: "reset (Reset Password action)", goal: 50, run: action("resetPasswordAction") },
  ];
}

type Cursors = { accountsDeep: string; accountsDeepCreated: string; account: string; account2: string; accountPage: string; domainPage: string; domainAccount: string };

async function cursorsFor(db: Db, workspaceId: string, accountIds: string[]): Promise<Cursors> {
  const deep = Math.max(0, ACCOUNTS - 101);
  const deepAccount = await db.smtpAccount.findUniqueOrThrow({ where: { id: accountIds[deep]! }, select: { id: true, label: true, createdAt: true } });
  const account = accountIds[Math.min(42, ACCOUNTS - 1)]!;
  return {
    accountsDeep: encodeAccountCursor({ value: deepAccount.label, id: deepAccount.id }),
    accountsDeepCreated: encodeAccountCursor({ value: deepAccount.createdAt.toISOString(), id: deepAccount.id }),
    account,
    account2: accountIds[Math.floor(ACCOUNTS / 2)]!,
    // Each account has MESSAGES / ACCOUNTS messages (100 at full size): page 2 over all time.
    accountPage: await cursorAfterPages(db, workspaceId, { account }, 1),
    domainPage: await cursorAfterPages(db, workspaceId, { rcpt: "example7.test", preset: "7d" }, 19),
    // An account whose messages go to example7.test (message n goes to example(n % 50), account n % ACCOUNTS).
    domainAccount: accountIds[7 % ACCOUNTS]!,
  };
}

function client(stack: Stack, cookie: string) {
  // Server actions check that Origin matches the Host: use the portal's own URL for both.
  const base = stack.env.PORTAL_URL;
  const get = (path: string, expect: string) => async () => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200 || !body.includes(expect)) throw new Error(`GET ${path}: HTTP ${res.status}${res.status === 200 ? `, no "${expect}"` : ""}`);
  };
  return { base, get };
}

async function benchDatabase(database: "sqlite" | "postgresql", url?: string): Promise<Result> {
  const env: Record<string, string> = { REVEAL_RATE_LIMIT: "100000000", RESET_RATE_LIMIT: "100000000", STEP_UP_MAX_AGE: "86400", LOG_LEVEL: "warn" };
  if (url) env.DATABASE_URL = url;
  // The machine may be shared and busy: give the first start of a production portal time.
  let stack = await startStack({ env, readyTimeoutMs: 300_000 });
  const dataDir = stack.dataDir;
  const db = createDb(stack.env.DATABASE_URL);
  try {
    const t0 = performance.now();
    const { workspaceId, accountIds } = await seedVolume(db, stack.env, { workspaceSlug: "acme", accounts: ACCOUNTS, messages: MESSAGES });
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`[${database}] seeded ${ACCOUNTS} accounts and ${MESSAGES} messages in ${seedSeconds} s`);
    await waitForIdleQueue(db);
    const cookie = await signedInCookie(db, stack.env.NEXTAUTH_SECRET);
    const cursors = await cursorsFor(db, workspaceId, accountIds);

    const measure = async (label: string, samples: number, warm: number) => {
      const { base, get } = client(stack, cookie);
      const action = (name: string) => async (i: number) => {
        const accountId = accountIds[(i + ACCOUNTS) % ACCOUNTS]!;
        const res = await fetch(`${base}/w/acme/smtp-accounts`, { method: "POST", headers: { ...actionHeaders(name, base), cookie }, body: JSON.stringify([{ workspace: "acme", accountId }]) });
        const reply = parseActionReply(await res.text());
        if (!reply?.ok) throw new Error(`${name}: ${JSON.stringify(reply)}`);
      };
      const baseline = get("/help/smtp-credentials", "Your SMTP credentials");
      const out: ComparedSample[] = [];
      for (const row of rowsFor(get, action, cursors)) {
        const s = await sampleAgainstBaseline(`${label}${row.name}`, samples, warm, row.run, baseline);
        out.push({ ...s, goal: `p95 ≤ ${row.goal}` });
        // As it goes, so a run cut short still reports the rows it measured (and the load beside them).
        console.log(`[${database}] ${s.name}: p50 ${s.p50}, p95 ${s.p95}, p99 ${s.p99} ms; static page p95 ${s.baseline?.p95} ms; ×${s.baselineRatio}; load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
        // A cold row's samples in order show whether its slow ones are the first requests or spread out.
        if (warm === 0) console.log(`[${database}] ${s.name}: in order (ms): ${s.times?.map((t) => t.toFixed(1)).join(" ")}`);
      }
      return out;
    };

    const samples = await measure("", SAMPLES, Math.min(30, SAMPLES));
    const kb = async (path: string) => Math.round((await (await fetch(`${stack.env.PORTAL_URL}${path}`, { headers: { cookie } })).arrayBuffer()).byteLength / 1024);
    const pageKb = { accounts: await kb("/w/acme/smtp-accounts"), deliveryLogs: await kb("/w/acme/delivery-logs?rcpt=example7.test&preset=7d") };

    const heaps: CsvHeap[] = [];
    const exportRuns: PortalExports[] = [];
    for (let run = 1; run <= CSV_RUNS; run++) {
      const heap = await csvHeap(stack.env.DATABASE_URL, workspaceId);
      heaps.push(heap);
      console.log(`[${database}] CSV run ${run}: export heap (forced GC): ${heap.rows} rows, ${heap.megabytes} MB in ${heap.seconds} s; heap ${heap.heapBeforeMb} MB before, ${heap.heapPeakMb} MB peak, ${heap.heapAfterMb} MB after (growth ${heap.heapGrowthMb} MB; goal ≤ ${MEMORY_GOAL_MB})`);
      const exportsRun = await portalExports(stack.env.PORTAL_URL, cookie, stack.pid("portal")!);
      exportRuns.push(exportsRun);
      console.log(
        `[${database}] CSV run ${run}: portal RSS over ${exportsRun.exports} exports of ${exportsRun.rowsEach} rows (${exportsRun.secondsEach.join(", ")} s): ${exportsRun.rssBeforeMb} MB before, ${exportsRun.rssPeakMb} MB peak, ${exportsRun.rssAfterMb} MB after the last (growth ${exportsRun.rssGrowthMb} MB; goal ≤ ${MEMORY_GOAL_MB})`,
      );
    }

    // Cold: a fresh stack on the same data, no warm-up, COLD_RESTARTS times; each row's samples
    // are pooled over the restarts (p95 of one restart's 20 is its second-slowest request).
    const coldRuns: ComparedSample[][] = [];
    for (let restart = 1; restart <= COLD_RESTARTS; restart++) {
      await stack.stop();
      // Let go of the database while the restart migrates it (SQLite would wait on our handle).
      await db.$disconnect();
      stack = await startStack({ env: { ...env, DATABASE_URL: stack.env.DATABASE_URL }, dataDir, readyTimeoutMs: 300_000 });
      await waitForIdleQueue(db);
      coldRuns.push(await measure(`cold ${restart}: `, COLD_SAMPLES, 0));
    }
    const cold = coldRuns[0]!.map((row, i) => {
      const runs = coldRuns.map((r) => r[i]!);
      // The first request after each restart, the one a person meets.
      const first = Math.max(...runs.map((r) => r.times?.[0] ?? NaN));
      return { ...pooled(runs), name: row.name.replace(/^cold 1: /, "cold: "), firstMs: Math.round(first * 10) / 10 };
    });

    printTable(`Portal on ${database}: ${ACCOUNTS} accounts, ${MESSAGES} messages (latency of the full HTTP request; baseline = static help page, sampled alternately)`, samples);
    printTable(`Portal on ${database} after a restart (cold portal process: ${COLD_SAMPLES} samples a row after each of ${COLD_RESTARTS} restarts, pooled; no warm-up)`, cold);
    console.log(`[${database}] first request after a restart, slowest of ${COLD_RESTARTS} (ms): ${cold.map((r) => `${r.name.replace(/^cold: /, "")} ${r.firstMs}`).join("; ")}`);
    console.log(`[${database}] page sizes: SMTP Accounts page 1 ${pageKb.accounts} KB, Delivery Logs (recipient domain, 7 days) ${pageKb.deliveryLogs} KB`);
    return { database, seedSeconds, samples, cold, pageKb, csvHeap: heaps, portalExports: exportRuns };
  } finally {
    await db.$disconnect();
    await stack.stop();
    // A million messages take gigabytes: leave nothing behind.
    fs.rmSync(dataDir, { recursive: true, force: true });
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
  const quantiles = (rows: ComparedSample[]) => Object.fromEntries(rows.map((s) => [s.name, { p50: s.p50, p95: s.p95, p99: s.p99, baselineP95: s.baseline?.p95, ratio: s.baselineRatio }]));
  const summary = Object.fromEntries(
    results.map((r) => [r.database, { samples: quantiles(r.samples), cold: quantiles(r.cold), coldFirstMs: Object.fromEntries(r.cold.map((c) => [c.name, c.firstMs])), pageKb: r.pageKb, csvHeap: r.csvHeap, portalExports: r.portalExports }]),
  );
  console.log(JSON.stringify({ bench: "portal", accounts: ACCOUNTS, messages: MESSAGES, samples: SAMPLES, coldSamples: COLD_SAMPLES, coldRestarts: COLD_RESTARTS, results: summary }));
}

main().catch((error: unknown) => {
  console.error(`bench-portal failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
