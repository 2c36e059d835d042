// A tailer pass written to SQLite with better-sqlite3 on a connection of its own, as the relay's
// store writes (relay/store-sqlite.ts): each transaction is synchronous, so it never holds the
// write lock across an await. Through Prisma a pass was an interactive transaction, a round trip
// per statement on a thread that competes for the CPU, holding the lock meanwhile; the relay's
// commits queued behind it (its busy handler sleeps, then retries). Here deliveries go CHUNK at
// a time, each chunk a short IMMEDIATE transaction, and commits do not fsync (the relay's next
// commit does): all of it is re-derivable from mail rows, and a lost pass is sent again under the
// same event ids.
import Database from "better-sqlite3";
import { newRowId } from "../row-id";
import { retryWhileBusy } from "../sqlite-busy";
import { sqliteDate } from "../sqlite-date";
import type { PassRows, PassWriter } from "./record-pass";

const CHUNK = 64;
const BUSY_TIMEOUT_MS = 5;
const BUSY_DEADLINE_MS = 30_000;

export type SqlitePassWriter = { write: PassWriter; close(): void };

export function sqlitePassWriter(file: string): SqlitePassWriter {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
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
  const chunkTx = db.transaction((rows: PassRows["deliveries"], attempts: Map<string, PassRows["attempts"]>, now: string) => {
    let inserted = 0;
    for (const d of rows) {
      const { changes } = delivery.run(d.id, d.endpointId, d.workspaceId, d.eventId, d.eventType, d.payload, d.status ?? "pending", d.attemptCount ?? 0, date(d.nextAttemptAt), d.lastStatus ?? null, d.lastError ?? null, now, date(d.deliveredAt));
      if (changes === 0) continue; // another tailer wrote it
      inserted++;
      for (const a of attempts.get(d.id) ?? []) attempt.run(newRowId(), d.id, a.statusCode, a.error, a.durationMs, sqliteDate(a.createdAt));
    }
    return inserted;
  });
  const cursorTx = db.transaction((cursors: PassRows["cursors"], now: string) => {
    for (const c of cursors) cursor.run(c.name, sqliteDate(c.createdAt), c.lastId, now);
  });

  return {
    async write({ deliveries, attempts, cursors }) {
      const byDelivery = new Map<string, PassRows["attempts"]>();
      for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
      let inserted = 0;
      for (let i = 0; i < deliveries.length; i += CHUNK) {
        const chunk = deliveries.slice(i, i + CHUNK);
        inserted += await retryWhileBusy(() => chunkTx.immediate(chunk, byDelivery, sqliteDate(new Date())), BUSY_DEADLINE_MS);
      }
      if (cursors.length > 0) await retryWhileBusy(() => cursorTx.immediate(cursors, sqliteDate(new Date())), BUSY_DEADLINE_MS);
      return inserted;
    },
    close: () => db.close(),
  };
}
