// The two busy webhook sources — Message and DeliveryAttempt rows, a few per accepted message —
// read on SQLite with better-sqlite3 prepared statements on a read-only connection of their own,
// as the relay reads its hot path (relay/store-sqlite.ts). Through Prisma these reads were about
// a third of the webhook thread's CPU under the relay benchmark (its query interpreter and one
// object per row and relation, then the garbage): with an endpoint subscribed to every event,
// CPU the relay's acceptance needed. Same rows, same events as event-sources.ts (a test reads
// both and compares); alerts and audit events, a few an hour, stay on Prisma. Timestamps are
// compared as text in Prisma's stored format (sqliteDate), as Prisma's own queries compare them.
import Database from "better-sqlite3";
import type { Db } from "../db";
import { sqliteDate, utcDate } from "../sqlite-date";
import { ATTEMPT_OUTCOMES, attemptEvent, BATCH, idFloor, LATE_IDS, messageEvent, prismaSources, type MessageRow, type Range, type Source } from "./event-sources";

type MessageSqlRow = {
  id: string;
  workspaceId: string;
  envelopeFrom: string;
  subject: string | null;
  status: string;
  lastReply: string | null;
  createdAt: string;
  accountId: string | null;
  username: string | null;
  recipients: string | null;
};

// Columns of a message's event, its account and its recipients (in the order they were stored).
const MESSAGE_COLUMNS = `m."id", m."workspaceId", m."envelopeFrom", m."subject", m."status", m."lastReply", CAST(m."createdAt" AS TEXT) AS "createdAt",
  a."id" AS "accountId", a."username" AS "username",
  (SELECT json_group_array(r."address") FROM (SELECT "address" FROM "MessageRecipient" WHERE "messageId" = m."id" ORDER BY "id") r) AS "recipients"`;

function messageRow(r: MessageSqlRow): MessageRow {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    envelopeFrom: r.envelopeFrom,
    subject: r.subject,
    status: r.status,
    lastReply: r.lastReply,
    createdAt: utcDate(r.createdAt),
    account: r.accountId === null ? null : { id: r.accountId, username: r.username ?? "" },
    recipients: (JSON.parse(r.recipients ?? "[]") as string[]).map((address) => ({ address })),
  };
}

/**
 * The range's SQL (and its parameters) over `time` and `id` columns; the same meaning as
 * event-sources.ts timeRange / idRange. Written as row values, which SQLite turns into an index
 * range (an OR of the two conditions it could only filter by, scanning the whole overlap).
 */
function rangeSql(range: Range, id: string, time: string | null): { sql: string; params: string[]; key: string } {
  const parts: string[] = [];
  const params: string[] = [];
  if (range.after) {
    parts.push(time ? `(${time}, ${id}) > (?, ?)` : `${id} > ?`);
    params.push(...(time ? [sqliteDate(range.after.createdAt)] : []), range.after.id);
  }
  if (range.upTo) {
    parts.push(time ? `(${time}, ${id}) <= (?, ?)` : `${id} <= ?`);
    params.push(...(time ? [sqliteDate(range.upTo.createdAt)] : []), range.upTo.id);
  }
  if (range.ids) {
    parts.push(`${id} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(range.ids));
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(""), params, key: `${range.after ? "a" : ""}${range.upTo ? "u" : ""}${range.ids ? "i" : ""}` };
}

export type SqliteSources = { sources: Source[]; close(): void };

/** The tailer's sources for the SQLite database in `file`: messages and attempts read here, alerts and audit events through `db`. */
export function sqliteSources(db: Db, file: string): SqliteSources {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const statements = new Map<string, Database.Statement>();
  const prepared = (key: string, sql: () => string) => {
    let statement = statements.get(key);
    if (!statement) statements.set(key, (statement = sqlite.prepare(sql())));
    return statement;
  };
  const outcomes = JSON.stringify(Object.keys(ATTEMPT_OUTCOMES));

  const message: Source = {
    name: "webhooks:message",
    async late(workspaceIds, since, upTo) {
      const range = rangeSql({ upTo }, `m."id"`, `m."createdAt"`);
      const statement = prepared(`message-late-${range.key}`, () => `SELECT m."id" FROM "Message" m WHERE m."workspaceId" IN (SELECT value FROM json_each(?)) AND m."createdAt" >= ?${range.sql} LIMIT ${LATE_IDS}`);
      return statement.pluck().all(JSON.stringify(workspaceIds), sqliteDate(since), ...range.params) as string[];
    },
    async read(workspaceIds, since, range) {
      const r = rangeSql(range, `m."id"`, `m."createdAt"`);
      // The page's ids first (from the index alone), then its columns and relations: computed
      // for every row in range before the sort and LIMIT, they cost a subquery each per row.
      const statement = prepared(
        `message-read-${r.key}`,
        () => `WITH page AS (
                 SELECT m."id" FROM "Message" m
                 WHERE m."workspaceId" IN (SELECT value FROM json_each(?)) AND m."createdAt" >= ?${r.sql}
                 ORDER BY m."createdAt", m."id" LIMIT ${BATCH})
               SELECT ${MESSAGE_COLUMNS},
                 (SELECT d."reply" FROM "DeliveryAttempt" d WHERE d."messageId" = m."id" AND d."outcome" = 'accepted' LIMIT 1) AS "acceptedReply"
               FROM page JOIN "Message" m ON m."id" = page."id" LEFT JOIN "SmtpAccount" a ON a."id" = m."accountId"
               ORDER BY m."createdAt", m."id"`,
      );
      const rows = (statement.all(JSON.stringify(workspaceIds), sqliteDate(since), ...r.params) as (MessageSqlRow & { acceptedReply: string | null })[]).map((row) => ({
        row: messageRow(row),
        acceptedReply: row.acceptedReply,
      }));
      return { rows: rows.map((m) => m.row), events: rows.map((m) => messageEvent(m.row, m.acceptedReply)) };
    },
  };

  const attempt: Source = {
    name: "webhooks:delivery-attempt",
    async late(workspaceIds, since, upTo) {
      const range = rangeSql({ upTo }, `d."id"`, null);
      const statement = prepared(
        `attempt-late-${range.key}`,
        () => `SELECT d."id" FROM "DeliveryAttempt" d WHERE d."id" >= ?${range.sql} AND +d."workspaceId" IN (SELECT value FROM json_each(?)) AND d."outcome" IN (SELECT value FROM json_each(?)) LIMIT ${LATE_IDS}`,
      );
      return statement.pluck().all(idFloor(since), ...range.params, JSON.stringify(workspaceIds), outcomes) as string[];
    },
    async read(workspaceIds, since, range) {
      const r = rangeSql(range, `d."id"`, null);
      // By the primary key's range ("+" keeps SQLite off the workspace index, which it would
      // otherwise walk through every attempt the workspace ever had), the page's ids first.
      const statement = prepared(
        `attempt-read-${r.key}`,
        () => `WITH page AS (
                 SELECT d."id" FROM "DeliveryAttempt" d
                 WHERE d."id" >= ?${r.sql} AND +d."workspaceId" IN (SELECT value FROM json_each(?)) AND d."outcome" IN (SELECT value FROM json_each(?))
                 ORDER BY d."id" LIMIT ${BATCH})
               SELECT d."id" AS "attemptId", d."workspaceId" AS "attemptWorkspaceId", d."outcome", d."reply", d."duplicate", CAST(d."createdAt" AS TEXT) AS "attemptCreatedAt", ${MESSAGE_COLUMNS}
               FROM page JOIN "DeliveryAttempt" d ON d."id" = page."id" JOIN "Message" m ON m."id" = d."messageId" LEFT JOIN "SmtpAccount" a ON a."id" = m."accountId"
               ORDER BY d."id"`,
      );
      type Row = MessageSqlRow & { attemptId: string; attemptWorkspaceId: string; outcome: string; reply: string | null; duplicate: number; attemptCreatedAt: string };
      const rows = (statement.all(idFloor(since), ...r.params, JSON.stringify(workspaceIds), outcomes) as Row[]).map((row) => ({
        id: row.attemptId,
        workspaceId: row.attemptWorkspaceId,
        outcome: row.outcome,
        reply: row.reply,
        duplicate: row.duplicate !== 0,
        createdAt: utcDate(row.attemptCreatedAt),
        message: messageRow(row),
      }));
      return { rows, events: rows.filter((a) => !a.duplicate).map(attemptEvent) };
    },
  };

  const slow = prismaSources(db).filter((s) => s.name !== message.name && s.name !== attempt.name);
  return { sources: [message, attempt, ...slow], close: () => sqlite.close() };
}
