// The relay's hot path on PostgreSQL: the batch commit on node-postgres (store-pg-commit.ts),
// claims through Prisma, outcomes on node-postgres too. The commit's account rows are read FOR SHARE, so a
// password reset (an UPDATE of the row) either committed before the batch read it or waits
// until the batch committed: no message is ever stored under a version that was already
// replaced. Send counters are reserved with INSERT … ON CONFLICT … RETURNING, which locks each
// counter row until commit, so relay instances sharing the database never over-count or
// under-count.
import pg from "pg";
import type { Db } from "../lib/db";
import { Prisma } from "../lib/generated/sqlite/client";
import { type CommitOutcome, type PreparedMessage } from "./batch";
import { commitAccountFromRow, commitAccountSelect, type CommitAccountRow } from "./commit-account";
import { authAccountFromRow, authAccountSql, type AuthAccountSqlRow } from "./auth-account-sql";
import type { AuthReads } from "../lib/smtp-accounts/authenticate";
import { utcDate } from "../lib/sqlite-date";
import { commitBatchPg, recordDeliveriesPg } from "./store-pg-commit";
import type { SenderAccount } from "./policy";
import type { ClaimedMessage, DeliveryResult, RelayStore } from "./relay-store";
import type { SuppressionHit } from "../lib/suppressions/find-suppression";

const AUTH_ACCOUNT_SQL = authAccountSql("$1");

/** What MAIL FROM re-reads of the account (relay/policy.ts's SenderAccount): the commit's SELECT, unlocked. */
const SENDER_ACCOUNT_SQL = `${commitAccountSelect("postgresql")} WHERE a."id" = $1`;

/**
 * Batch transactions in flight at once per relay. Each holds one of the commit pool's
 * connections for about a round trip per statement; four keep the network busy, while AUTH,
 * MAIL FROM and the delivery worker use Prisma's own pool (lib/db.ts).
 */
export const PG_COMMIT_CONCURRENCY = 4;

export class PrismaRelayStore implements RelayStore {
  readonly commitConcurrency = PG_COMMIT_CONCURRENCY;

  /** The commit path's own connections (store-pg-commit.ts): one per batch in flight, one for the delivery outcomes. */
  private readonly pool: pg.Pool;

  /**
   * RCPT TO's suppression read, apart from the commits so it never waits behind a batch: a named
   * prepared statement on node-postgres costs ~55 µs of the relay's CPU per RCPT, Prisma's
   * findUnique ~300 µs (measured here), which a per-recipient read cannot afford.
   */
  private readonly reads: pg.Pool;

  constructor(
    private readonly db: Db,
    databaseUrl: string,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: PG_COMMIT_CONCURRENCY + 1 });
    this.reads = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // An idle connection dropped by the server is replaced on the next checkout.
    this.pool.on("error", () => undefined);
    this.reads.on("error", () => undefined);
  }

  /**
   * MAIL FROM's re-read of the account: the commit's own SELECT (relay/commit-account.ts) without
   * its lock, as a prepared statement on the reads pool. Through Prisma (findUnique with its
   * relations, then the verified domains) it was the costliest part of a message on PostgreSQL:
   * the relay's main thread used ~1 ms per message there against ~0.2 ms on SQLite.
   */
  async senderAccount(accountId: string): Promise<SenderAccount | null> {
    const { rows } = await this.reads.query<CommitAccountRow>({ name: "migosmtp_sender_account", text: SENDER_ACCOUNT_SQL, values: [accountId] });
    if (!rows[0]) return null;
    const { limits: _limits, ...sender } = commitAccountFromRow(rows[0]);
    return sender;
  }

  /** AUTH's reads as prepared statements on the reads pool (relay/auth-account-sql.ts), as on SQLite. */
  readonly authReads: AuthReads = {
    counters: async (keys, now) => {
      const { rows } = await this.reads.query<{ key: string; windowStart: string; count: number }>({
        name: "migosmtp_auth_counters",
        text: `SELECT "key", CAST("windowStart" AS TEXT) AS "windowStart", "count" FROM "RateCounter" WHERE "key" = ANY($1) AND "expiresAt" > $2`,
        // UTC wall time, as Prisma writes TIMESTAMP(3) (the zone suffix is ignored).
        values: [keys, now.toISOString()],
      });
      return rows.map((r) => ({ key: r.key, windowStart: utcDate(r.windowStart), count: Number(r.count) }));
    },
    account: async (username) => {
      const { rows } = await this.reads.query<AuthAccountSqlRow>({ name: "migosmtp_auth_account", text: AUTH_ACCOUNT_SQL, values: [username] });
      return rows[0] ? authAccountFromRow(rows[0]) : null;
    },
  };

  async findSuppression(workspaceId: string, address: string): Promise<SuppressionHit | null> {
    const { rows } = await this.reads.query<{ reason: string; createdAt: string }>({
      name: "migosmtp_suppression",
      // One probe of the unique (workspaceId, address) index; the TIMESTAMP(3) holds UTC wall time (as Prisma writes it).
      text: `SELECT "reason", "createdAt"::text AS "createdAt" FROM "Suppression" WHERE "workspaceId" = $1 AND "address" = $2`,
      values: [workspaceId, address],
    });
    const row = rows[0];
    return row ? { reason: row.reason, createdAt: new Date(`${row.createdAt.replace(" ", "T")}Z`) } : null;
  }

  commitBatch(batch: readonly PreparedMessage[], now: Date): Promise<CommitOutcome[]> {
    return commitBatchPg(this.pool, batch, now);
  }

  async claim(instance: string, now: Date, limit: number, claimMs: number): Promise<ClaimedMessage[]> {
    const until = new Date(now.getTime() + claimMs);
    const rows = await this.db.$queryRaw<{ id: string; workspaceId: string; envelopeFrom: string; raw: Uint8Array | null; attemptCount: number; createdAt: Date }[]>(claimStatement(instance, now, until, limit));
    if (rows.length === 0) return [];
    const recipients = await this.db.messageRecipient.findMany({ where: { messageId: { in: rows.map((r) => r.id) } }, select: { messageId: true, address: true, mailbox: true } });
    return rows
      .map((r) => ({
        id: r.id,
        workspaceId: r.workspaceId,
        envelopeFrom: r.envelopeFrom,
        raw: r.raw ? Buffer.from(r.raw) : null,
        attemptCount: Number(r.attemptCount),
        createdAt: new Date(r.createdAt),
        // Delivered to as RCPT TO spelled it (mailbox), not in the logs' lower case.
        recipients: recipients.filter((x) => x.messageId === r.id).map((x) => x.mailbox ?? x.address),
      }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  recordDeliveries(results: readonly DeliveryResult[]): Promise<void> {
    return recordDeliveriesPg(this.pool, results);
  }

  async renewClaims(instance: string, ids: readonly string[], until: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      UPDATE "Message" SET "claimedUntil" = ${until} WHERE "claimedBy" = ${instance} AND "id" IN (${Prisma.join(ids)}) RETURNING "id"`;
    return rows.map((r) => r.id);
  }

  async releaseClaims(instance: string): Promise<number> {
    const { count } = await this.db.message.updateMany({
      where: { claimedBy: instance, status: { in: ["queued", "deferred"] } },
      data: { claimedBy: null, claimedUntil: null },
    });
    return count;
  }

  async flushLastUsed(entries: ReadonlyMap<string, Date>): Promise<void> {
    if (entries.size === 0) return;
    await this.db.$transaction(
      [...entries].map(
        ([id, at]) => this.db.$executeRaw`UPDATE "SmtpAccount" SET "lastUsedAt" = ${at} WHERE "id" = ${id} AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${at})`,
      ),
    );
  }

  queueDepth(): Promise<number> {
    return this.db.message.count({ where: { status: { in: ["queued", "deferred"] } } });
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.reads.end()]);
  }
}

/**
 * Claims up to `limit` deliverable messages, oldest first: new mail (no next attempt) and retries
 * that are due, each a range of the (status, nextAttemptAt) index. One OR over both made
 * PostgreSQL read the heap page of every queued and deferred row at each poll (~300 ms and 27,000
 * pages with 50,000 deferred messages, evicting the portal's cached indexes), because delivered
 * rows make nextAttemptAt mostly NULL in its statistics. FOR UPDATE is not allowed beside a
 * UNION, hence two CTEs; each may lock up to `limit` rows for this one statement, and other
 * relays skip those meanwhile. The sender is MAIL FROM as spelled (envelopeMailbox), as in CLAIM_SQL.
 */
export function claimStatement(instance: string, now: Date, until: Date, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH "fresh" AS (SELECT "id", "createdAt" FROM "Message"
                      WHERE "status" IN ('queued', 'deferred') AND "nextAttemptAt" IS NULL
                        AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
                      ORDER BY "createdAt" LIMIT ${limit}
                      FOR UPDATE SKIP LOCKED),
         "retry" AS (SELECT "id", "createdAt" FROM "Message"
                      WHERE "status" IN ('queued', 'deferred') AND "nextAttemptAt" <= ${now}
                        AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
                      ORDER BY "createdAt" LIMIT ${limit}
                      FOR UPDATE SKIP LOCKED)
    UPDATE "Message" SET "claimedBy" = ${instance}, "claimedUntil" = ${until}
     WHERE "id" IN (SELECT "id" FROM (SELECT * FROM "fresh" UNION ALL SELECT * FROM "retry") AS "due"
                     ORDER BY "createdAt" LIMIT ${limit})
    RETURNING "id", "workspaceId", COALESCE("envelopeMailbox", "envelopeFrom") AS "envelopeFrom", "raw", "attemptCount", "createdAt"`;
}
