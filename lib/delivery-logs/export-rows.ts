// The delivery log's rows for a CSV export, read through the driver (driver-reads.ts) in keyset
// pages: the same filters, order and rows as the pages (list-messages.ts, through Prisma; a test
// compares the two for every filter), in the same two shapes — newest messages first over
// Message(workspaceId, …, createdAt, id), or, with a recipient filter, the recipient index
// MessageRecipient(workspaceId, domain|address, createdAt, messageId) walked in page order and
// joined to each message by primary key (list-by-recipient.ts says why).
// Timestamps travel as the database's own text, so a cursor compares exactly what is stored.
import { type Db, providerOf } from "../db";
import { readsOf } from "../driver-reads";
import { utcDate } from "../sqlite-date";
import { parseRecipientFilter, type TDeliveryLogQuery, timeWindow } from "./filters";
import { ownColumnValues } from "./list-messages";

export type ExportRow = {
  createdAt: Date;
  id: string;
  accountLabel: string | null;
  clientIp: string;
  envelopeFrom: string;
  firstRecipient: string;
  recipientCount: number;
  subject: string | null;
  sizeBytes: number;
  status: string;
  lastReply: string | null;
  passwordVersion: number;
  tlsProtocol: string | null;
};

/** Where the next page starts: the last row's stored time (as text) and id. */
export type ExportCursor = { createdAt: string; id: string };

type SqlRow = Omit<ExportRow, "createdAt"> & { createdAt: string };

// The stored time as text: SQLite's is already text; PostgreSQL's in ISO form whatever the
// server's DateStyle (a cursor is read back as a timestamp).
const STORED_TIME = { sqlite: `CAST(m."createdAt" AS TEXT)`, postgresql: `to_char(m."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS')` };

const columns = (provider: keyof typeof STORED_TIME) => `${STORED_TIME[provider]} AS "createdAt", m."id", a."label" AS "accountLabel", m."clientIp", m."envelopeFrom", m."firstRecipient",
  m."recipientCount", m."subject", m."sizeBytes", m."status", m."lastReply", m."passwordVersion", m."tlsProtocol"`;

/** One page of the export after `cursor`, newest first; fewer than `take` rows means the last. */
export async function exportRowsAfter(
  db: Db,
  workspaceId: string,
  query: Partial<TDeliveryLogQuery>,
  cursor: ExportCursor | undefined,
  take: number,
  now = new Date(),
): Promise<{ rows: ExportRow[]; next: ExportCursor | undefined }> {
  const reads = readsOf(db);
  const recipient = query.rcpt ? parseRecipientFilter(query.rcpt) : undefined;
  // An unparseable recipient matches nothing rather than everything.
  if (query.rcpt && !recipient) return { rows: [], next: undefined };

  // The message filters, on `m`; with a recipient filter the window and cursor apply to the
  // recipient row (t = r), whose createdAt is its message's.
  const t = recipient ? "r" : "m";
  const id = recipient ? `r."messageId"` : `m."id"`;
  const where: string[] = [`m."workspaceId" = ?`];
  const params: unknown[] = [workspaceId];
  for (const [column, value] of ownColumnValues(query)) {
    where.push(`m."${column}" = ?`);
    params.push(value);
  }
  if (recipient) {
    const [column, value] = "address" in recipient ? ["address", recipient.address] : ["domain", recipient.domain];
    where.push(`r."workspaceId" = ?`, `r."${column}" = ?`);
    params.push(workspaceId, value);
  }
  const { from, to } = timeWindow(query, now);
  if (from) {
    where.push(`${t}."createdAt" >= ?`);
    params.push(from);
  }
  if (to) {
    where.push(`${t}."createdAt" <= ?`);
    params.push(to);
  }
  if (cursor) {
    // The redundant bound keeps the index range tight on PostgreSQL (filters.ts afterCursor).
    where.push(`${t}."createdAt" <= ?`, `(${t}."createdAt", ${id}) < (?, ?)`);
    params.push(cursor.createdAt, cursor.createdAt, cursor.id);
  }
  const sql = recipient
    ? `SELECT ${columns(providerOf(db))} FROM (
         SELECT DISTINCT r."createdAt", r."messageId" FROM "MessageRecipient" r JOIN "Message" m ON m."id" = r."messageId"
         WHERE ${where.join(" AND ")} ORDER BY r."createdAt" DESC, r."messageId" DESC LIMIT ${take}
       ) p JOIN "Message" m ON m."id" = p."messageId" LEFT JOIN "SmtpAccount" a ON a."id" = m."accountId"
       ORDER BY p."createdAt" DESC, p."messageId" DESC`
    : `SELECT ${columns(providerOf(db))} FROM "Message" m LEFT JOIN "SmtpAccount" a ON a."id" = m."accountId"
       WHERE ${where.join(" AND ")} ORDER BY m."createdAt" DESC, m."id" DESC LIMIT ${take}`;
  const found = await reads.all<SqlRow>(sql, params);
  const last = found.at(-1);
  return {
    rows: found.map((r) => ({ ...r, createdAt: utcDate(r.createdAt) })),
    next: found.length === take && last ? { createdAt: last.createdAt, id: last.id } : undefined,
  };
}
