// Fills a workspace with benchmark volume: N accounts (real ciphertexts and verifiers, so
// reveal and reset work) and M messages with one recipient each, spread over ~23 days (one every
// 2 s back from now): on SQLite through better-sqlite3 with the indexes built after the load
// (1,000,000 messages in a few minutes), on PostgreSQL generated inside the database
// (generate_series). The hourly chart rollup is then filled, as the relay's housekeeping would.
// Every 20th message is `deferred` with its next attempt 30 days out, so the relay leaves the
// queue alone while the benchmark samples (a deferred message due now would be delivered to
// the sink during the measurements). One recipient domain in 50 (example0.test … example49.test)
// is the "common" domain; `rare.test` gets one message in 20,000.
import path from "node:path";
import Database from "better-sqlite3";
import { rollUpAllClosedHours } from "../../lib/charts/rollups";
import { STATUS_CURSOR } from "../../lib/charts/status-rollup";
import { ROLLUP_CURSOR } from "../../lib/charts/volume-rollup";
import { storedPassword } from "../../lib/credentials/stored-password";
import { generatePassword } from "../../lib/credentials/generate";
import { type Db, SQLITE_BUSY_TIMEOUT_MS } from "../../lib/db";
import type { Env } from "../../lib/env";
import { seededUsername } from "../../lib/testing/seeded-username";

export async function seedVolume(db: Db, env: Env, { workspaceSlug, accounts, messages }: { workspaceSlug: string; accounts: number; messages: number }) {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: workspaceSlug } });
  const domain = await db.domain.findFirstOrThrow({ where: { workspaceId: workspace.id, status: "verified" } });
  const ids: string[] = [];
  for (let start = 0; start < accounts; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(accounts, start + 500); i++) {
      const id = `acct_bench_${String(i).padStart(6, "0")}`;
      const password = generatePassword();
      ids.push(id);
      rows.push({
        id,
        workspaceId: workspace.id,
        domainId: domain.id,
        label: `Bench account ${String(i).padStart(5, "0")}`,
        username: seededUsername(i),
        fromAddress: `bench${i}@${domain.name}`,
        ...storedPassword(password, id, env),
        lastUsedAt: i % 3 === 0 ? null : new Date(Date.now() - (i % 90) * 86_400_000),
      });
    }
    await db.smtpAccount.createMany({ data: rows });
  }

  const t0 = performance.now();
  if (env.DATABASE_PROVIDER === "sqlite") seedSqliteMessages(env, { workspaceId: workspace.id, domain: domain.name, accountIds: ids, messages });
  else await seedPostgresMessages(db, { workspaceId: workspace.id, domain: domain.name, accountIds: ids, messages });
  const t1 = performance.now();
  // The relay's housekeeping may have rolled up hours while they were being filled: count them
  // all again from the seeded rows, so the charts read the rollup as they would in production.
  // The watermark is one for all workspaces, so every workspace's rows go with it.
  await db.$transaction([
    db.tailCursor.deleteMany({ where: { name: { in: [ROLLUP_CURSOR, STATUS_CURSOR] } } }),
    db.volumeHour.deleteMany({}),
    db.volumeDay.deleteMany({}),
    db.statusHour.deleteMany({}),
    db.statusHourChange.deleteMany({}),
  ]);
  await rollUpAllClosedHours(db);
  if (env.DATABASE_PROVIDER !== "sqlite") await db.$executeRawUnsafe("VACUUM ANALYZE");
  console.log(`seed-volume: ${messages} messages in ${((t1 - t0) / 1000).toFixed(1)} s, hourly rollup in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  return { workspaceId: workspace.id, accountIds: ids };
}

type MessageSeed = { workspaceId: string; domain: string; accountIds: string[]; messages: number };

/** Message n: account n % accounts, every 2 s back from now, recipient domain example(n % 50).test (rare.test one in 20,000). */
function recipientOf(n: number): string {
  return n % 20_000 === 7 ? `user${n}@rare.test` : `user${n % 5000}@example${n % 50}.test`;
}

/**
 * SQLite: better-sqlite3 prepared statements in transactions of 50,000 messages, with the two
 * tables' secondary indexes dropped during the load and built afterwards (one sort each instead
 * of a million random B-tree inserts through a 2 MB page cache), ids in key order.
 */
function seedSqliteMessages(env: Env, { workspaceId, domain, accountIds, messages }: MessageSeed): void {
  const file = env.SQLITE_PATH ?? path.resolve(env.DATABASE_URL.slice("file:".length));
  const sql = new Database(file);
  try {
    sql.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS * 3}`);
    sql.pragma("cache_size = -262144");
    sql.pragma("temp_store = MEMORY");
    sql.pragma("synchronous = OFF");
    const indexes = sql
      .prepare<[], { name: string; sql: string }>(`SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "tbl_name" IN ('Message', 'MessageRecipient') AND "sql" IS NOT NULL`)
      .all();
    for (const i of indexes) sql.exec(`DROP INDEX "${i.name}"`);
    const insertMessage = sql.prepare(
      `INSERT INTO "Message" ("id", "workspaceId", "accountId", "passwordVersion", "clientIp", "envelopeFrom", "subject", "sizeBytes", "recipientCount", "firstRecipient", "status", "lastReply", "attemptCount", "nextAttemptAt", "createdAt")
       VALUES (?, ?, ?, 1, ?, ?, ?, 1024, 1, ?, ?, '250 2.0.0 Ok', 0, ?, ?)`,
    );
    const insertRecipient = sql.prepare(`INSERT INTO "MessageRecipient" ("id", "messageId", "workspaceId", "address", "domain", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`);
    const now = Date.now();
    // Deferred messages wait 30 days for their next attempt: the relay leaves the queue alone while the benchmark samples.
    const retryAt = new Date(now + 30 * 86_400_000).toISOString().replace("Z", "+00:00");
    const load = sql.transaction((first: number, end: number) => {
      for (let n = first; n < end; n++) {
        const id = `bm${String(n).padStart(8, "0")}`;
        const account = n % accountIds.length;
        const rcpt = recipientOf(n);
        const createdAt = new Date(now - n * 2000).toISOString().replace("Z", "+00:00");
        const deferred = n % 20 === 0;
        insertMessage.run(id, workspaceId, accountIds[account]!, `198.51.100.${n % 250}`, `bench${account}@${domain}`, `Bench message ${n}`, rcpt, deferred ? "deferred" : "delivered", deferred ? retryAt : null, createdAt);
        insertRecipient.run(`br${String(n).padStart(8, "0")}`, id, workspaceId, rcpt, rcpt.slice(rcpt.indexOf("@") + 1), createdAt);
      }
    });
    for (let n = 0; n < messages; n += 50_000) load(n, Math.min(messages, n + 50_000));
    for (const i of indexes) sql.exec(i.sql);
    sql.exec("ANALYZE");
  } finally {
    sql.close();
  }
}

/** PostgreSQL: generated inside the database (generate_series), one statement per table. */
async function seedPostgresMessages(db: Db, { workspaceId, domain, accountIds, messages }: MessageSeed): Promise<void> {
  const n = accountIds.length;
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "_bench_accounts"`);
  await db.$executeRawUnsafe(`CREATE TABLE "_bench_accounts" ("rn" INTEGER PRIMARY KEY, "id" TEXT NOT NULL)`);
  for (let start = 0; start < n; start += 500) {
    const chunk = accountIds.slice(start, start + 500);
    await db.$executeRawUnsafe(`INSERT INTO "_bench_accounts" ("rn", "id") VALUES ${chunk.map((id, j) => `(${start + j}, '${id}')`).join(",")}`);
  }
  await db.$executeRawUnsafe(`
    INSERT INTO "Message" ("id", "workspaceId", "accountId", "passwordVersion", "clientIp", "envelopeFrom", "subject", "sizeBytes", "recipientCount", "firstRecipient", "status", "lastReply", "nextAttemptAt", "createdAt")
    SELECT 'bm' || lpad(s.n::text, 8, '0'), '${workspaceId}', a."id", 1, '198.51.100.' || (s.n % 250), 'bench' || (s.n % ${n}) || '@${domain}', 'Bench message ' || s.n, 1024, 1,
           CASE s.n % 20000 WHEN 7 THEN 'user' || s.n || '@rare.test' ELSE 'user' || (s.n % 5000) || '@example' || (s.n % 50) || '.test' END, CASE s.n % 20 WHEN 0 THEN 'deferred' ELSE 'delivered' END, '250 2.0.0 Ok',
           CASE s.n % 20 WHEN 0 THEN now() + interval '30 days' END, now() - make_interval(secs => s.n * 2)
    FROM generate_series(0, ${messages - 1}) AS s(n) JOIN "_bench_accounts" a ON a."rn" = s.n % ${n}`);
  await db.$executeRawUnsafe(`
    INSERT INTO "MessageRecipient" ("id", "messageId", "workspaceId", "address", "domain", "createdAt")
    SELECT 'br' || substr("id", 3), "id", "workspaceId", "firstRecipient", split_part("firstRecipient", '@', 2), "createdAt"
    FROM "Message" WHERE "id" LIKE 'bm%'`);
  await db.$executeRawUnsafe(`DROP TABLE "_bench_accounts"`);
}
