// EXPLAIN (ANALYZE, BUFFERS) of the portal's own queries on a seeded PostgreSQL: runs each use
// case through a client that records the SQL Prisma sends, then explains that SQL with the same
// parameters. Seeds a scratch database on TEST_DATABASE_URL (BENCH_SEED_ACCOUNTS, 10,000;
// BENCH_SEED_MESSAGES, 1,000,000) unless EXPLAIN_DATABASE_URL names one already seeded.
//   TEST_DATABASE_URL=postgresql://… tsx scripts/bench/explain-postgres.ts [name filter]
// EXPLAIN_KEEP=1 keeps the scratch database (its URL is printed) for the next run.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type Db } from "../../lib/db";
import { attachDriverReads, driverReads, postgresStatement } from "../../lib/driver-reads";
import { PrismaClient } from "../../lib/generated/postgres/client";
import { accountSends24h } from "../../lib/charts/account-sends";
import { messageVolume } from "../../lib/charts/message-volume";
import { chartWindow } from "../../lib/charts/range";
import { filteredVolume, stripWindow } from "../../lib/charts/filtered-volume";
import { timeWindow, type TDeliveryLogQuery } from "../../lib/delivery-logs/filters";
import { topAccounts } from "../../lib/charts/top-accounts";
import { listMessages } from "../../lib/delivery-logs/list-messages";
import { listAccounts, ZListAccountsQuery } from "../../lib/smtp-accounts/list-accounts";
import { countExpiringSoon, workspaceMaxLifetime } from "../../lib/access-policy/account-policies";
import { listVerifiedDomainNames } from "../../lib/domains/list-domains";
import { showsPasswordsOnce } from "../../lib/smtp-accounts/show-once";
import { createTestDatabase } from "../../lib/testing/test-database";
import { seedVolume } from "./seed-volume";

type Logged = { query: string; params: string };

async function seeded(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.EXPLAIN_DATABASE_URL) return { url: process.env.EXPLAIN_DATABASE_URL, drop: async () => {} };
  const t = await createTestDatabase("PostgreSQL");
  const w = await t.db.workspace.create({ data: { slug: "acme", name: "Acme" } });
  await t.db.domain.create({ data: { workspaceId: w.id, name: "acme.test", status: "verified", verificationToken: "t" } });
  const t0 = performance.now();
  const accounts = Number(process.env.BENCH_SEED_ACCOUNTS ?? 10_000);
  const messages = Number(process.env.BENCH_SEED_MESSAGES ?? 1_000_000);
  await seedVolume(t.db, t.env, { workspaceSlug: "acme", accounts, messages });
  console.log(`seeded ${accounts} accounts and ${messages} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${t.env.DATABASE_URL}`);
  return { url: t.env.DATABASE_URL, drop: process.env.EXPLAIN_KEEP ? async () => t.db.$disconnect() : t.drop };
}

async function main() {
  const only = process.argv[2];
  const { url, drop } = await seeded();
  const logged: Logged[] = [];
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (e: Logged) => logged.push({ query: e.query, params: e.params }));
  Object.defineProperty(client, Symbol.for("migosmtp.db.provider"), { value: "postgresql" });
  // The reads that bypass Prisma (top accounts' counts) are logged and explained the same way.
  const reads = driverReads(url);
  const db = attachDriverReads(client as unknown as Db, {
    all: (sql, params) => {
      const { text, values } = postgresStatement(sql, params);
      logged.push({ query: text, params: JSON.stringify(values) });
      return reads.all(sql, params);
    },
    close: () => reads.close(),
  });
  const explain = new pg.Client({ connectionString: url });
  await explain.connect();
  try {
    const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: "acme" } })).id;
    const pageIds = (await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({}) })).accounts.map((a) => a.id);
    const strip = (query: Partial<TDeliveryLogQuery>) => {
      const now = new Date();
      const { from, to } = timeWindow(query, now);
      return filteredVolume(db, { workspaceId, query, window: stripWindow(from, to, now) });
    };
    const stripAccount = pageIds[7]!;
    const cases: Record<string, () => Promise<unknown>> = {
      "strip, recipient domain (common, 30 days)": () => strip({ rcpt: "example7.test" }),
      "strip, recipient domain (common, 7 days)": () => strip({ rcpt: "example7.test", preset: "7d" }),
      "strip, recipient domain (rare, 30 days)": () => strip({ rcpt: "rare.test" }),
      "strip, recipient address (7 days)": () => strip({ rcpt: "user7@example7.test", preset: "7d" }),
      "strip, recipient + account": () => strip({ rcpt: "example7.test", account: stripAccount }),
      "strip, recipient + status (7 days)": () => strip({ rcpt: "example7.test", status: "delivered", preset: "7d" }),
      "strip, no filter (30 days)": () => strip({}),
      "strip, status delivered (7 days)": () => strip({ status: "delivered", preset: "7d" }),
      "strip, status deferred (30 days)": () => strip({ status: "deferred" }),
      "delivery logs, recipient domain (common, 7 days)": () => listMessages({ db, workspaceId, query: { rcpt: "example7.test", preset: "7d" } }),
      "delivery logs, recipient domain (rare, 7 days)": () => listMessages({ db, workspaceId, query: { rcpt: "rare.test", preset: "7d" } }),
      "delivery logs, recipient domain (rare, all time)": () => listMessages({ db, workspaceId, query: { rcpt: "rare.test" } }),
      "delivery logs, recipient domain + account (all time)": () => listMessages({ db, workspaceId, query: { rcpt: "example7.test", account: stripAccount } }),
      "delivery logs, recipient domain + status (7 days)": () => listMessages({ db, workspaceId, query: { rcpt: "example7.test", status: "delivered", preset: "7d" } }),
      "accounts page 1 (label)": () => listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({}) }),
      // Every query the SMTP Accounts page makes besides the session and membership lookups, in its order.
      "accounts page 1, every query of the page": async () => {
        const now = new Date();
        const maxPasswordLifetimeDays = await workspaceMaxLifetime(db, workspaceId);
        const [{ accounts }] = await Promise.all([
          listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({}), now, maxPasswordLifetimeDays }),
          listVerifiedDomainNames(db, workspaceId),
          countExpiringSoon(db, { workspaceId, maxPasswordLifetimeDays, now }),
          showsPasswordsOnce(db, workspaceId),
        ]);
        return accountSends24h(db, { workspaceId, accountIds: accounts.map((a) => a.id) });
      },
      "accounts search (any case)": () => listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ q: "BENCH ACCOUNT 00999" }) }),
      "accounts sends 24 h and sparklines": () => accountSends24h(db, { workspaceId, accountIds: pageIds }),
      "overview volume 24 h": () => messageVolume(db, { workspaceId, window: chartWindow("24h") }),
      "overview volume 30 d": () => messageVolume(db, { workspaceId, window: chartWindow("30d") }),
      "overview top accounts 24 h": () => topAccounts(db, { workspaceId, window: chartWindow("24h") }),
      "overview top accounts 30 d": () => topAccounts(db, { workspaceId, window: chartWindow("30d") }),
      "overview top accounts 30 d (memoized closed hours)": () => topAccounts(db, { workspaceId, window: chartWindow("30d") }),
      "account page volume 30 d": () => messageVolume(db, { workspaceId, accountId: stripAccount, window: chartWindow("30d") }),
    };
    for (const [name, run] of Object.entries(cases)) {
      if (only && !name.includes(only)) continue;
      logged.length = 0;
      const t0 = performance.now();
      await run();
      const ms = performance.now() - t0;
      console.log(`\n=== ${name}: ${ms.toFixed(1)} ms, ${logged.length} statement(s)`);
      for (const { query, params } of logged) {
        const values = JSON.parse(params) as unknown[];
        console.log(`--- ${query}\n--- params ${params.slice(0, 300)}`);
        const plan = await explain.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, values);
        console.log(plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n"));
      }
    }
  } finally {
    await explain.end();
    await client.$disconnect();
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
