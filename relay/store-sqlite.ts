// The relay's hot path on SQLite: better-sqlite3 prepared statements in one IMMEDIATE
// transaction per batch, on its own connection to the same file (WAL). Values are written in
// the formats Prisma's better-sqlite3 adapter writes and reads: DateTime as ISO 8601 text with
// "+00:00" (adapter option timestampFormat "iso8601", its default), Bytes as BLOB, Boolean as 0/1.
//
// A transaction here is synchronous, so it never holds the write lock across an await. The
// busy timeout is short; a busy database is retried asynchronously (another writer in this
// very process — Prisma on the same thread — can then finish) until BUSY_DEADLINE_MS.
import Database from "better-sqlite3";
import { retryWhileBusy } from "../lib/sqlite-busy";
import { sqliteDate, utcDate } from "../lib/sqlite-date";
import { newRowId } from "../lib/row-id";
import { applyRateLimits, HELD_ON_ARRIVAL_REPLY, precheckBatch, storedStatus, type CommitAccount, type CommitOutcome, type PreparedMessage } from "./batch";
import type { SenderAccount } from "./policy";
import type { ClaimedMessage, DeliveryResult, RelayStore } from "./relay-store";
import { messageColumns } from "./message-row";
import { replyLine } from "./replies";
import { commitAccountFromRow, commitAccountSelect, type CommitAccountRow } from "./commit-account";
import type { AuthReads } from "../lib/smtp-accounts/authenticate";
import { authAccountFromRow, authAccountSql, type AuthAccountSqlRow } from "./auth-account-sql";
import type { SuppressionHit } from "../lib/suppressions/find-suppression";

const BUSY_TIMEOUT_MS = 20;
const BUSY_DEADLINE_MS = 10_000;

function parseDate(value: unknown): Date {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  return new Date(String(value));
}

/**
 * The delivery worker's claim: new mail (no next attempt) and due retries, each a range of the
 * (status, nextAttemptAt) index. One OR over both walked every queued and deferred message at
 * each poll (12.6 ms with 50,000 deferred messages; 0.13 ms split). store-prisma.ts's
 * claimStatement is PostgreSQL's. The sender it returns is MAIL FROM as the client spelled it
 * (envelopeMailbox), not the logs' lower case.
 */
export const CLAIM_SQL = `UPDATE "Message" SET "claimedBy" = ?, "claimedUntil" = ?
  WHERE "id" IN (SELECT "id" FROM (SELECT "id", "createdAt" FROM "Message"
                                    WHERE "status" IN ('queued', 'deferred') AND "nextAttemptAt" IS NULL
                                      AND ("claimedUntil" IS NULL OR "claimedUntil" < ?)
                                   UNION ALL
                                   SELECT "id", "createdAt" FROM "Message"
                                    WHERE "status" IN ('queued', 'deferred') AND "nextAttemptAt" <= ?
                                      AND ("claimedUntil" IS NULL OR "claimedUntil" < ?))
                  ORDER BY "createdAt" LIMIT ?)
  RETURNING "id", "workspaceId", COALESCE("envelopeMailbox", "envelopeFrom") AS "envelopeFrom", "raw", "attemptCount", "createdAt"`;

export class SqliteRelayStore implements RelayStore {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly commitTx;
  private readonly recordTx;
  /** Where the last commitBatch spent its time: the statements, and the COMMIT (the WAL fsync). */
  lastCommitSteps = { statementsMs: 0, syncMs: 0 };

  constructor(file: string, options: { readonly?: boolean; externalCheckpoints?: boolean } = {}) {
    this.db = new Database(file, { timeout: BUSY_TIMEOUT_MS, readonly: options.readonly ?? false, fileMustExist: true });
    if (!options.readonly) {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = FULL");
      // Checkpoints run on their own thread (store-sqlite-checkpointer.mjs), not inside a commit.
      if (options.externalCheckpoints) this.db.pragma("wal_autocheckpoint = 0");
      // Once checkpointed, the WAL file is cut back to this size instead of staying at its peak.
      this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    }
    const db = this.db;
    this.stmt = {
      account: db.prepare<[string], CommitAccountRow>(`${commitAccountSelect("sqlite")} WHERE a."id" = ?`),
      reserve: db.prepare<[string, string, number, string], { count: number }>(
        `INSERT INTO "RateCounter" ("key", "windowStart", "count", "expiresAt") VALUES (?, ?, ?, ?)
         ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "count" + excluded."count"
         RETURNING "count"`,
      ),
      giveBack: db.prepare<[number, string, string]>(`UPDATE "RateCounter" SET "count" = MAX(0, "count" - ?) WHERE "key" = ? AND "windowStart" = ?`),
      insertMessage: db.prepare(
        `INSERT INTO "Message" ("id", "workspaceId", "accountId", "passwordVersion", "clientIp", "clientHostname", "tlsProtocol",
           "tlsCipher", "envelopeFrom", "envelopeMailbox", "headerFrom", "subject", "messageIdHeader", "sizeBytes", "recipientCount", "firstRecipient",
           "raw", "status", "alertId", "attemptCount", "createdAt")
         VALUES (@id, @workspaceId, @accountId, @passwordVersion, @clientIp, @clientHostname, @tlsProtocol,
           @tlsCipher, @envelopeFrom, @envelopeMailbox, @headerFrom, @subject, @messageIdHeader, @sizeBytes, @recipientCount, @firstRecipient,
           @raw, @status, @alertId, 0, @createdAt)`,
      ),
      insertRecipient: db.prepare<[string, string, string, string, string, string | null, string]>(
        `INSERT INTO "MessageRecipient" ("id", "messageId", "workspaceId", "address", "domain", "mailbox", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertAttempt: db.prepare<[string, string, string, string, string | null, string | null, number | null, number, string]>(
        `INSERT INTO "DeliveryAttempt" ("id", "messageId", "workspaceId", "outcome", "reply", "upstream", "durationMs", "duplicate", "createdAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      claim: db.prepare<[string, string, string, string, string, number], { id: string; workspaceId: string; envelopeFrom: string; raw: Buffer | null; attemptCount: number; createdAt: string }>(
        CLAIM_SQL,
      ),
      // Delivered to as RCPT TO spelled it (the mailbox column), not in the logs' lower case.
      recipientsOf: db.prepare<[string], { address: string }>(`SELECT COALESCE("mailbox", "address") AS "address" FROM "MessageRecipient" WHERE "messageId" = ?`),
      recordDelivery: db.prepare<[string, string, string | null, string | null, string]>(
        `UPDATE "Message" SET "status" = ?, "lastReply" = ?, "attemptCount" = "attemptCount" + 1, "nextAttemptAt" = ?, "deliveredAt" = ?,
                "claimedBy" = NULL, "claimedUntil" = NULL
          WHERE "id" = ?`,
      ),
      renew: db.prepare<[string, string, string], { id: string }>(
        `UPDATE "Message" SET "claimedUntil" = ? WHERE "claimedBy" = ? AND "id" IN (SELECT "value" FROM json_each(?)) RETURNING "id"`,
      ),
      release: db.prepare<[string]>(
        `UPDATE "Message" SET "claimedBy" = NULL, "claimedUntil" = NULL WHERE "claimedBy" = ? AND "status" IN ('queued', 'deferred')`,
      ),
      lastUsed: db.prepare<[string, string, string]>(
        `UPDATE "SmtpAccount" SET "lastUsedAt" = ? WHERE "id" = ? AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ?)`,
      ),
      depth: db.prepare<[], { n: number }>(`SELECT COUNT(*) AS "n" FROM "Message" WHERE "status" IN ('queued', 'deferred')`),
      authAccount: db.prepare<[string], AuthAccountSqlRow>(authAccountSql("?")),
      suppression: db.prepare<[string, string], { reason: string; createdAt: string }>(
        `SELECT "reason", CAST("createdAt" AS TEXT) AS "createdAt" FROM "Suppression" WHERE "workspaceId" = ? AND "address" = ?`,
      ),
      suppress: db.prepare<[string, string, string, string, string, string]>(
        `INSERT INTO "Suppression" ("id", "workspaceId", "address", "reason", "detail", "messageId", "createdAt")
         VALUES (?, ?, ?, 'hard_bounce', ?, ?, ?) ON CONFLICT ("workspaceId", "address") DO NOTHING`,
      ),
      authCounters: db.prepare<[string, string, string, string, string], { key: string; windowStart: unknown; count: number }>(
        `SELECT "key", "windowStart", "count" FROM "RateCounter" WHERE "key" IN (?, ?, ?, ?) AND "expiresAt" > ?`,
      ),
    };

    this.commitTx = db.transaction((batch: readonly PreparedMessage[], now: Date): CommitOutcome[] => {
      this.statementsStarted = performance.now();
      const accounts = new Map<string, CommitAccount | null>();
      for (const m of batch) if (!accounts.has(m.accountId)) accounts.set(m.accountId, this.loadAccount(m.accountId));
      const { outcomes, eligible } = precheckBatch(batch, accounts);
      const result = applyRateLimits(
        eligible,
        accounts,
        outcomes,
        now,
        (k, wanted) => this.stmt.reserve.get(k.key, sqliteDate(k.windowStart), wanted, sqliteDate(k.expiresAt))!.count,
        (k, count) => void this.stmt.giveBack.run(count, k.key, sqliteDate(k.windowStart)),
      );
      batch.forEach((m, i) => {
        if (!result[i]!.ok) return;
        const account = accounts.get(m.accountId)!;
        const workspaceId = account.workspaceId;
        const createdAt = sqliteDate(m.createdAt);
        const stored = storedStatus(account);
        this.stmt.insertMessage.run({
          ...messageColumns(m, workspaceId),
          raw: m.raw,
          status: stored.status,
          alertId: stored.alertId,
          createdAt,
        });
        const t = m.createdAt.getTime();
        for (const r of m.recipients) this.stmt.insertRecipient.run(newRowId(t), m.id, workspaceId, r.address, r.domain, r.mailbox, createdAt);
        this.stmt.insertAttempt.run(newRowId(t), m.id, workspaceId, "accepted", replyLine(m.acceptedReply), null, null, 0, createdAt);
        if (stored.status === "held") this.stmt.insertAttempt.run(newRowId(t), m.id, workspaceId, "held", HELD_ON_ARRIVAL_REPLY, null, null, 0, createdAt);
      });
      this.statementsEnded = performance.now();
      return result;
    });

    this.recordTx = db.transaction((results: readonly DeliveryResult[]) => {
      for (const r of results) {
        const at = sqliteDate(r.at);
        this.stmt.recordDelivery.run(r.status, r.reply, r.nextAttemptAt ? sqliteDate(r.nextAttemptAt) : null, r.status === "delivered" ? at : null, r.id);
        this.stmt.insertAttempt.run(newRowId(r.at.getTime()), r.id, r.workspaceId, r.status, r.reply, r.upstream, r.durationMs, r.duplicate ? 1 : 0, at);
        for (const b of r.hardBounces ?? []) this.stmt.suppress.run(newRowId(r.at.getTime()), r.workspaceId, b.address, b.reply, r.id, at);
      }
    });
  }

  senderAccount(accountId: string): Promise<SenderAccount | null> {
    return this.read(() => {
      const account = this.loadAccount(accountId);
      if (!account) return null;
      const { limits: _limits, ...sender } = account;
      return sender;
    });
  }

  findSuppression(workspaceId: string, address: string): Promise<SuppressionHit | null> {
    return this.read(() => {
      const row = this.stmt.suppression.get(workspaceId, address);
      return row ? { reason: row.reason, createdAt: utcDate(row.createdAt) } : null;
    });
  }

  /** AUTH's reads on this connection: prepared statements instead of two Prisma queries. */
  readonly authReads: AuthReads = {
    counters: (keys, now) =>
      this.read(() => {
        if (keys.length !== 4) throw new Error(`AUTH reads four counters, not ${keys.length}`);
        const [a, b, c, d] = keys as [string, string, string, string];
        return this.stmt.authCounters.all(a, b, c, d, sqliteDate(now)).map((r) => ({ key: r.key, windowStart: parseDate(r.windowStart), count: Number(r.count) }));
      }),
    account: (username) =>
      this.read(() => {
        const row = this.stmt.authAccount.get(username);
        return row ? authAccountFromRow(row) : null;
      }),
  };

  private read<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private loadAccount(id: string): CommitAccount | null {
    const row = this.stmt.account.get(id);
    return row ? commitAccountFromRow(row) : null;
  }

  /** Runs a synchronous write, retrying asynchronously while the database is busy. */
  private write<T>(work: () => T): Promise<T> {
    return retryWhileBusy(work, BUSY_DEADLINE_MS);
  }

  private statementsStarted = 0;
  private statementsEnded = 0;

  /**
   * Runs a bookkeeping write (claims, delivery outcomes, lastUsedAt) without its own fsync. Losing
   * one to a power cut costs at most a repeated delivery (recorded as a duplicate) or an older
   * lastUsedAt; the next accepted batch's COMMIT fsyncs the WAL, earlier frames included. The
   * profile: these fsyncs were a quarter of the writer thread's time, all of it in front of commits.
   */
  private unsynced<T>(work: () => T): T {
    this.db.pragma("synchronous = NORMAL");
    try {
      return work();
    } finally {
      this.db.pragma("synchronous = FULL");
    }
  }

  /**
   * Writes of another part of the relay on this connection (the webhook thread's passes,
   * relay/webhook-writes.ts): statements prepared once by `prepare`, each run as bookkeeping —
   * without its own fsync, retried while busy.
   */
  bookkeepingWriter<S>(prepare: (db: Database.Database) => S): <T>(work: (statements: S) => T) => Promise<T> {
    const statements = prepare(this.db);
    return (work) => this.write(() => this.unsynced(() => work(statements)));
  }

  commitBatch(batch: readonly PreparedMessage[], now: Date): Promise<CommitOutcome[]> {
    return this.write(() => {
      const result = this.commitTx.immediate(batch, now);
      const committed = performance.now();
      this.lastCommitSteps = { statementsMs: this.statementsEnded - this.statementsStarted, syncMs: committed - this.statementsEnded };
      return result;
    });
  }

  claim(instance: string, now: Date, limit: number, claimMs: number): Promise<ClaimedMessage[]> {
    return this.write(() =>
      this.unsynced(() =>
        this.db.transaction(() => {
          const nowText = sqliteDate(now);
          const rows = this.stmt.claim.all(instance, sqliteDate(new Date(now.getTime() + claimMs)), nowText, nowText, nowText, limit);
          return rows
            .map((row) => ({
              id: row.id,
              workspaceId: row.workspaceId,
              envelopeFrom: row.envelopeFrom,
              raw: row.raw,
              attemptCount: row.attemptCount,
              createdAt: parseDate(row.createdAt),
              recipients: this.stmt.recipientsOf.all(row.id).map((r) => r.address),
            }))
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        }).immediate(),
      ),
    );
  }

  recordDeliveries(results: readonly DeliveryResult[]): Promise<void> {
    if (results.length === 0) return Promise.resolve();
    return this.write(() => this.unsynced(() => this.recordTx.immediate(results)));
  }

  renewClaims(instance: string, ids: readonly string[], until: Date): Promise<string[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.write(() => this.unsynced(() => this.stmt.renew.all(sqliteDate(until), instance, JSON.stringify(ids)).map((r) => r.id)));
  }

  releaseClaims(instance: string): Promise<number> {
    return this.write(() => this.stmt.release.run(instance).changes);
  }

  flushLastUsed(entries: ReadonlyMap<string, Date>): Promise<void> {
    if (entries.size === 0) return Promise.resolve();
    return this.write(() =>
      this.unsynced(() =>
        this.db
          .transaction(() => {
            for (const [id, at] of entries) this.stmt.lastUsed.run(sqliteDate(at), id, sqliteDate(at));
          })
          .immediate(),
      ),
    );
  }

  queueDepth(): Promise<number> {
    return Promise.resolve(this.stmt.depth.get()!.n);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
