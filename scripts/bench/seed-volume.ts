// Fills a workspace with benchmark volume: N accounts (real ciphertexts and verifiers, so
// reveal and reset work) and M messages with one recipient each, generated inside the
// database (recursive CTE on SQLite, generate_series on PostgreSQL) spread over ~23 days.
// Every 20th message is `deferred` with its next attempt 30 days out, so the relay leaves the
// queue alone while the benchmark samples (a deferred message due now would be delivered to
// the sink during the measurements). One recipient domain in 50 (example0.test … example49.test)
// is the "common" domain; `rare.test` gets one message in 20,000.
import { randomBytes } from "node:crypto";
import { storedPassword } from "../../lib/credentials/stored-password";
import { generatePassword } from "../../lib/credentials/generate";
import type { Db } from "../../lib/db";
import type { Env } from "../../lib/env";

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
        username: `smtpuser_${randomBytes(4).toString("hex")}`,
        fromAddress: `bench${i}@${domain.name}`,
        ...storedPassword(password, id, env),
        lastUsedAt: i % 3 === 0 ? null : new Date(Date.now() - (i % 90) * 86_400_000),
      });
    }
    await db.smtpAccount.createMany({ data: rows });
  }

  const sqlite = env.DATABASE_PROVIDER === "sqlite";
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "_bench_accounts"`);
  await db.$executeRawUnsafe(`CREATE TABLE "_bench_accounts" ("rn" INTEGER PRIMARY KEY, "id" TEXT NOT NULL)`);
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    await db.$executeRawUnsafe(`INSERT INTO "_bench_accounts" ("rn", "id") VALUES ${chunk.map((id, j) => `(${start + j}, '${id}')`).join(",")}`);
  }
  const n = accounts;
  if (sqlite) {
    await db.$executeRawUnsafe(`
      WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ${messages - 1})
      INSERT INTO "Message" ("id", "workspaceId", "accountId", "passwordVersion", "clientIp", "envelopeFrom", "subject", "sizeBytes", "recipientCount", "firstRecipient", "status", "lastReply", "nextAttemptAt", "createdAt")
      SELECT 'bm' || n, '${workspace.id}', (SELECT "id" FROM "_bench_accounts" WHERE "rn" = n % ${n}), 1, '198.51.100.' || (n % 250),
             'bench' || (n % ${n}) || '@${domain.name}', 'Bench message ' || n, 1024, 1, CASE n % 20000 WHEN 7 THEN 'user' || n || '@rare.test' ELSE 'user' || (n % 5000) || '@example' || (n % 50) || '.test' END,
             CASE n % 20 WHEN 0 THEN 'deferred' ELSE 'delivered' END, '250 2.0.0 Ok',
             CASE n % 20 WHEN 0 THEN strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '+30 days') END,
             strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-' || (n * 2) || ' seconds')
      FROM seq`);
    await db.$executeRawUnsafe(`
      INSERT INTO "MessageRecipient" ("id", "messageId", "workspaceId", "address", "domain", "createdAt")
      SELECT 'br' || substr("id", 3), "id", "workspaceId", "firstRecipient", substr("firstRecipient", instr("firstRecipient", '@') + 1), "createdAt"
      FROM "Message" WHERE "id" LIKE 'bm%'`);
  } else {
    await db.$executeRawUnsafe(`
      INSERT INTO "Message" ("id", "workspaceId", "accountId", "passwordVersion", "clientIp", "envelopeFrom", "subject", "sizeBytes", "recipientCount", "firstRecipient", "status", "lastReply", "nextAttemptAt", "createdAt")
      SELECT 'bm' || s.n, '${workspace.id}', a."id", 1, '198.51.100.' || (s.n % 250), 'bench' || (s.n % ${n}) || '@${domain.name}', 'Bench message ' || s.n, 1024, 1,
             CASE s.n % 20000 WHEN 7 THEN 'user' || s.n || '@rare.test' ELSE 'user' || (s.n % 5000) || '@example' || (s.n % 50) || '.test' END, CASE s.n % 20 WHEN 0 THEN 'deferred' ELSE 'delivered' END, '250 2.0.0 Ok',
             CASE s.n % 20 WHEN 0 THEN now() + interval '30 days' END, now() - make_interval(secs => s.n * 2)
      FROM generate_series(0, ${messages - 1}) AS s(n) JOIN "_bench_accounts" a ON a."rn" = s.n % ${n}`);
    await db.$executeRawUnsafe(`
      INSERT INTO "MessageRecipient" ("id", "messageId", "workspaceId", "address", "domain", "createdAt")
      SELECT 'br' || substr("id", 3), "id", "workspaceId", "firstRecipient", split_part("firstRecipient", '@', 2), "createdAt"
      FROM "Message" WHERE "id" LIKE 'bm%'`);
  }
  await db.$executeRawUnsafe(`DROP TABLE "_bench_accounts"`);
  await db.$executeRawUnsafe("ANALYZE");
  return { workspaceId: workspace.id, accountIds: ids };
}
