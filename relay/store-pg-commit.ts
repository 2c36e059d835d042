// The relay's PostgreSQL writes on node-postgres directly: the batch commit (account rows FOR
// SHARE, one multi-row INSERT per table, then the counters reserved with INSERT … ON CONFLICT …
// RETURNING) and the delivery outcomes, without Prisma's interactive-transaction machinery,
// which the profile showed costing ~10 ms of the relay's CPU per one-message batch. Values are
// written as Prisma writes them: DateTime as UTC wall time in TIMESTAMP(3), Bytes as BYTEA.
import pg from "pg";
import { newRowId } from "../lib/row-id";
import { applyRateLimitsAsync, HELD_ON_ARRIVAL_REPLY, precheckBatch, storedStatus, type CommitAccount, type CommitOutcome, type PreparedMessage } from "./batch";
import { commitAccountFromRow, commitAccountSelect, type CommitAccountRow } from "./commit-account";
import { messageColumns } from "./message-row";
import type { DeliveryResult } from "./relay-store";
import { replyLine } from "./replies";

const ACCOUNT_SELECT = commitAccountSelect("postgresql");

/**
 * Held in shared mode by every commit, taken in exclusive mode before any change to SmtpAccount
 * (trigger "SmtpAccount_write_turn", migration 20261130130000_account_write_turn): a reset waits
 * for the batches already running, never for ones that start after it.
 */
const ACCOUNT_WRITE_TURN_LOCK = 1298753392;

/** UTC wall time: what Prisma stores in a TIMESTAMP(3) column (the zone suffix is ignored). */
const utc = (date: Date) => date.toISOString();

/** `INSERT INTO table (columns) VALUES ($1, …), (…)` for rows of equal length. */
function insertRows(table: string, columns: readonly string[], rows: readonly unknown[][]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(", ")})`);
  return { text: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values };
}

/** Inserts all rows, as few statements as PostgreSQL's 65,535 parameters per statement allow. */
async function insertAll(client: pg.PoolClient, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  const perStatement = Math.floor(60_000 / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const insert = insertRows(table, columns, rows.slice(i, i + perStatement));
    await client.query(insert.text, insert.values);
  }
}

const MESSAGE_COLUMNS = [
  "id",
  "workspaceId",
  "accountId",
  "passwordVersion",
  "clientIp",
  "clientHostname",
  "tlsProtocol",
  "tlsCipher",
  "envelopeFrom",
  "envelopeMailbox",
  "headerFrom",
  "subject",
  "messageIdHeader",
  "sizeBytes",
  "recipientCount",
  "firstRecipient",
  "raw",
  "status",
  "alertId",
  "attemptCount",
  "createdAt",
] as const;

/**
 * One batch in one transaction. Every batch of an account reserves the same RateCounter rows, so
 * each transaction holds their row lock from its reservation to its COMMIT and the batches of an
 * account commit one after another. The rows are therefore written first and the counters
 * reserved last: the lock is then held for one statement and the COMMIT, not for the inserts and
 * the round trips between them (under the relay benchmark at 16 connections, transactions queued
 * on that lock, their holder waiting for a busy relay to send its next statement). A message the
 * limits refuse is deleted again before the COMMIT (its recipients and attempts go with it), so
 * nobody ever sees it.
 */
export async function commitBatchPg(pool: pg.Pool, batch: readonly PreparedMessage[], now: Date): Promise<CommitOutcome[]> {
  const ids = [...new Set(batch.map((m) => m.accountId))];
  // One round trip: no parameters, so both statements go as one simple query.
  return inTransaction(pool, `BEGIN; SELECT pg_advisory_xact_lock_shared(${ACCOUNT_WRITE_TURN_LOCK})`, async (client) => {
    const { rows } = await client.query<CommitAccountRow>(`${ACCOUNT_SELECT} WHERE a."id" = ANY($1) FOR SHARE OF a`, [ids]);
    const accounts = new Map<string, CommitAccount | null>(ids.map((id) => [id, null]));
    for (const row of rows) accounts.set(row.id, commitAccountFromRow(row));
    const { outcomes, eligible } = precheckBatch(batch, accounts);
    const candidates = [...eligible.values()].flat();
    await insertMessages(
      client,
      candidates.map((i) => batch[i]!),
      accounts,
    );
    const result = await applyRateLimitsAsync(
      eligible,
      accounts,
      outcomes,
      now,
      async (reservations) => {
        const insert = insertRows(
          "RateCounter",
          ["key", "windowStart", "count", "expiresAt"],
          reservations.map((r) => [r.key.key, utc(r.key.windowStart), r.wanted, utc(r.key.expiresAt)]),
        );
        const counted = await client.query<{ key: string; count: number }>(
          `${insert.text} ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateCounter"."count" + EXCLUDED."count" RETURNING "key", "count"`,
          insert.values,
        );
        const counts = new Map(counted.rows.map((row) => [row.key, Number(row.count)]));
        return reservations.map((r) => counts.get(r.key.key)!);
      },
      async (k, count) => {
        await client.query(`UPDATE "RateCounter" SET "count" = "count" - $1 WHERE "key" = $2 AND "windowStart" = $3`, [count, k.key, utc(k.windowStart)]);
      },
    );
    const refused = candidates.filter((i) => !result[i]!.ok).map((i) => batch[i]!.id);
    if (refused.length > 0) await client.query(`DELETE FROM "Message" WHERE "id" = ANY($1)`, [refused]);
    return result;
  });
}

/** `work` on one pooled connection between `begin` and COMMIT, rolled back whole if it throws. */
async function inTransaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The messages, their recipients and their "accepted" (and "held") timeline entries. */
async function insertMessages(client: pg.PoolClient, messages: readonly PreparedMessage[], accounts: ReadonlyMap<string, CommitAccount | null>): Promise<void> {
  if (messages.length === 0) return;
  const workspaceOf = (m: PreparedMessage) => accounts.get(m.accountId)!.workspaceId;
  await insertAll(
    client,
    "Message",
    MESSAGE_COLUMNS,
    messages.map((m) => {
      const c = messageColumns(m, workspaceOf(m));
      const stored = storedStatus(accounts.get(m.accountId)!);
      return [
        c.id,
        c.workspaceId,
        c.accountId,
        c.passwordVersion,
        c.clientIp,
        c.clientHostname,
        c.tlsProtocol,
        c.tlsCipher,
        c.envelopeFrom,
        c.envelopeMailbox,
        c.headerFrom,
        c.subject,
        c.messageIdHeader,
        c.sizeBytes,
        c.recipientCount,
        c.firstRecipient,
        m.raw,
        stored.status,
        stored.alertId,
        0,
        utc(m.createdAt),
      ];
    }),
  );
  await insertAll(
    client,
    "MessageRecipient",
    ["id", "messageId", "workspaceId", "address", "domain", "mailbox", "createdAt"],
    messages.flatMap((m) => m.recipients.map((r) => [newRowId(), m.id, workspaceOf(m), r.address, r.domain, r.mailbox, utc(m.createdAt)])),
  );
  await insertAll(
    client,
    "DeliveryAttempt",
    ["id", "messageId", "workspaceId", "outcome", "reply", "createdAt"],
    messages.flatMap((m) => [
      [newRowId(), m.id, workspaceOf(m), "accepted", replyLine(m.acceptedReply), utc(m.createdAt)],
      ...(accounts.get(m.accountId)!.hold ? [[newRowId(), m.id, workspaceOf(m), "held", HELD_ON_ARRIVAL_REPLY, utc(m.createdAt)]] : []),
    ]),
  );
}

/**
 * The delivery worker's outcomes in one transaction on node-postgres: one UPDATE for every
 * message (joined to the outcomes unnested from arrays) and one multi-row INSERT of attempts.
 * Through Prisma it was an interactive transaction with one update per message, ~0.3 ms of the
 * relay's CPU each.
 */
export async function recordDeliveriesPg(pool: pg.Pool, results: readonly DeliveryResult[]): Promise<void> {
  if (results.length === 0) return;
  await inTransaction(pool, "BEGIN", async (client) => {
    await client.query(
      `UPDATE "Message" m SET "status" = v."status", "lastReply" = v."reply", "attemptCount" = m."attemptCount" + 1,
              "nextAttemptAt" = v."next"::timestamp(3), "deliveredAt" = v."delivered"::timestamp(3), "claimedBy" = NULL, "claimedUntil" = NULL
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v("id", "status", "reply", "next", "delivered")
        WHERE m."id" = v."id"`,
      [
        results.map((r) => r.id),
        results.map((r) => r.status),
        results.map((r) => r.reply),
        results.map((r) => (r.nextAttemptAt ? utc(r.nextAttemptAt) : null)),
        results.map((r) => (r.status === "delivered" ? utc(r.at) : null)),
      ],
    );
    await insertAll(
      client,
      "DeliveryAttempt",
      ["id", "messageId", "workspaceId", "outcome", "reply", "upstream", "durationMs", "duplicate", "createdAt"],
      results.map((r) => [newRowId(r.at.getTime()), r.id, r.workspaceId, r.status, r.reply, r.upstream, r.durationMs, r.duplicate, utc(r.at)]),
    );
    for (const r of results)
      for (const b of r.hardBounces ?? [])
        await client.query(
          `INSERT INTO "Suppression" ("id", "workspaceId", "address", "reason", "detail", "messageId", "createdAt")
           VALUES ($1, $2, $3, 'hard_bounce', $4, $5, $6) ON CONFLICT ("workspaceId", "address") DO NOTHING`,
          [newRowId(r.at.getTime()), r.workspaceId, b.address, b.reply, r.id, utc(r.at)],
        );
  });
}
