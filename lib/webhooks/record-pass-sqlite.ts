// A tailer pass written to SQLite with better-sqlite3 prepared statements, in steps: deliveries
// CHUNK at a time, each chunk one short synchronous transaction (it never holds the write lock
// across an await), then the cursors. Commits do not fsync (the relay's next commit does): all of
// it is re-derivable from mail rows, and a lost pass is sent again under the same event ids.
// Two ways to run the steps:
//   - in the relay, on its SQLite writer thread (relay/webhook-writes.ts): the relay's own
//     connection, queued behind accepted-mail commits. A second writing connection made the two
//     contend for SQLite's write lock, and a webhook thread (nice 19) descheduled while holding it
//     stalled the relay's commits (SQLite's busy handler sleeps 1, 2, 5 … ms);
//   - on a connection of its own (sqlitePassWriter), for a process without that writer thread.
import Database from "better-sqlite3";
import { newRowId } from "../row-id";
import { retryWhileBusy } from "../sqlite-busy";
import { sqliteDate } from "../sqlite-date";
import type { PassRows, PassWriter } from "./record-pass";

/**
 * Deliveries per step. On the relay's writer thread an accepted-mail commit waits for the step
 * already running: 64 deliveries with their ~1 KB bodies and attempts took 1.3 ms (p90 2.7 ms),
 * 16 take ~0.5 ms, and the extra transactions do not fsync.
 */
const CHUNK = 16;
const BUSY_TIMEOUT_MS = 5;
const BUSY_DEADLINE_MS = 30_000;

/** One step of a pass: a chunk of deliveries with their attempts (answers how many were new), or the cursors (answers 0). */
export type PassStep = { deliveries: PassRows["deliveries"]; attempts: PassRows["attempts"] } | { cursors: PassRows["cursors"] };

export type PassStatements = { run(step: PassStep): number };

/** The pass's statements prepared on `db`; `run` is one IMMEDIATE transaction. */
export function passStatements(db: Database.Database): PassStatements {
  const date = (d: Date | null | undefined) => (d ? sqliteDate(d) : null);
  const delivery = db.prepare(
    `INSERT OR IGNORE INTO "WebhookDelivery" ("id", "endpointId", "workspaceId", "eventId", "eventType", "payload", "status", "attemptCount", "nextAttemptAt", "lastStatus", "lastError", "createdAt", "deliveredAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const attempt = db.prepare(`INSERT INTO "WebhookAttempt" ("id", "deliveryId", "statusCode", "error", "durationMs", "replay", "createdAt") VALUES (?, ?, ?, ?, ?, 0, ?)`);
  const cursor = db.prepare(
    `INSERT INTO "TailCursor" ("name", "createdAt", "lastId", "updatedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT ("name") DO UPDATE SET "createdAt" = excluded."createdAt", "lastId" = excluded."lastId", "updatedAt" = excluded."updatedAt"`,
  );
  const chunkTx = db.transaction((rows: PassRows["deliveries"], attempts: PassRows["attempts"], now: string) => {
    const byDelivery = new Map<string, PassRows["attempts"]>();
    for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
    let inserted = 0;
    for (const d of rows) {
      const { changes } = delivery.run(d.id, d.endpointId, d.workspaceId, d.eventId, d.eventType, d.payload, d.status ?? "pending", d.attemptCount ?? 0, date(d.nextAttemptAt), d.lastStatus ?? null, d.lastError ?? null, now, date(d.deliveredAt));
      if (changes === 0) continue; // another tailer wrote it
      inserted++;
      for (const a of byDelivery.get(d.id) ?? []) attempt.run(newRowId(), d.id, a.statusCode, a.error, a.durationMs, sqliteDate(a.createdAt));
    }
    return inserted;
  });
  const cursorTx = db.transaction((cursors: PassRows["cursors"], now: string) => {
    for (const c of cursors) cursor.run(c.name, sqliteDate(c.createdAt), c.lastId, now);
  });
  return {
    run(step) {
      const now = sqliteDate(new Date());
      if ("cursors" in step) {
        cursorTx.immediate(step.cursors, now);
        return 0;
      }
      return chunkTx.immediate(step.deliveries, step.attempts, now);
    },
  };
}

/** A pass as steps through `run`: deliveries CHUNK at a time (each with its attempts), cursors last. Returns how many deliveries were new. */
export function steppedPassWriter(run: (step: PassStep) => Promise<number>): PassWriter {
  return async ({ deliveries, attempts, cursors }) => {
    let inserted = 0;
    for (let i = 0; i < deliveries.length; i += CHUNK) {
      const chunk = deliveries.slice(i, i + CHUNK);
      const ids = new Set(chunk.map((d) => d.id));
      inserted += await run({ deliveries: chunk, attempts: attempts.filter((a) => ids.has(a.deliveryId)) });
    }
    if (cursors.length > 0) await run({ cursors });
    return inserted;
  };
}

export type SqlitePassWriter = { write: PassWriter; close(): void };

/** The pass writer on a connection of its own to `file` (retried while another connection writes). */
export function sqlitePassWriter(file: string): SqlitePassWriter {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const statements = passStatements(db);
  return {
    write: steppedPassWriter((step) => retryWhileBusy(() => statements.run(step), BUSY_DEADLINE_MS)),
    close: () => db.close(),
  };
}
