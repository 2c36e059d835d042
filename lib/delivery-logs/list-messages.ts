// The delivery log: messages of one workspace, newest first, filtered, in keyset pages over
// (createdAt, id) — the order of the @@index([workspaceId, …, createdAt, id]) indexes. A
// recipient filter drives the page from the recipient index instead (list-by-recipient.ts).
import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { afterCursor, type Cursor, decodeCursor, encodeCursor, parseRecipientFilter, type TDeliveryLogQuery, timeWindow } from "./filters";
import { recipientPageIds } from "./list-by-recipient";

export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export const MESSAGE_ROW_SELECT = {
  id: true,
  createdAt: true,
  accountId: true,
  account: { select: { label: true, username: true } },
  clientIp: true,
  envelopeFrom: true,
  firstRecipient: true,
  recipientCount: true,
  subject: true,
  sizeBytes: true,
  status: true,
  lastReply: true,
  passwordVersion: true,
  tlsProtocol: true,
} as const satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof MESSAGE_ROW_SELECT }>;

/** The filters on a message's own columns, each an equality: query parameter → Message column. */
export const OWN_COLUMN_FILTERS = { account: "accountId", status: "status", sender: "envelopeFrom", ip: "clientIp" } as const;

/** The own-column filters the query sets, as [column, value] pairs. */
export function ownColumnValues(query: Partial<TDeliveryLogQuery>): [column: (typeof OWN_COLUMN_FILTERS)[keyof typeof OWN_COLUMN_FILTERS], value: string][] {
  return Object.entries(OWN_COLUMN_FILTERS).flatMap(([key, column]) => {
    const value = query[key as keyof typeof OWN_COLUMN_FILTERS];
    return value ? [[column, value] as [typeof column, string]] : [];
  });
}

/** The filters on a message's own columns (account, status, sender, IP); null when none. */
function ownColumnsWhere(query: Partial<TDeliveryLogQuery>): Prisma.MessageWhereInput | null {
  const pairs = ownColumnValues(query);
  return pairs.length ? (Object.fromEntries(pairs) as Prisma.MessageWhereInput) : null;
}

/**
 * The filters as a Prisma `where`, always inside the workspace. Pages with a recipient filter
 * do not use its `recipients: { some }` form (see list-by-recipient.ts); it stays correct for
 * anything else that needs the whole filter as one `where`.
 */
export function messageWhere(workspaceId: string, query: Partial<TDeliveryLogQuery>, now = new Date()): Prisma.MessageWhereInput {
  const { from, to } = timeWindow(query, now);
  const where: Prisma.MessageWhereInput = { workspaceId, ...ownColumnsWhere(query) };
  if (from || to) where.createdAt = { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
  if (query.rcpt) {
    const r = parseRecipientFilter(query.rcpt);
    // An unparseable recipient matches nothing rather than everything.
    where.recipients = { some: r ? { workspaceId, ...r } : { id: "" } };
  }
  return where;
}

export type ListMessagesInput = {
  db: Db;
  workspaceId: string;
  query: Partial<TDeliveryLogQuery>;
  /** Extra conditions (compromise review's "flagged only"); ANDed with the workspace filter. */
  extra?: Prisma.MessageWhereInput;
  limit?: number;
  now?: Date;
};

export type MessagePage = { rows: MessageRow[]; nextCursor: string | null };

export async function listMessages({ db, workspaceId, query, extra, limit = PAGE_SIZE, now }: ListMessagesInput): Promise<MessagePage> {
  const take = Math.min(Math.max(1, limit), MAX_PAGE_SIZE);
  return listMessagesAfter(db, workspaceId, query, decodeCursor(query.cursor), take, extra, now);
}

export async function listMessagesAfter(
  db: Db,
  workspaceId: string,
  query: Partial<TDeliveryLogQuery>,
  cursor: Cursor | undefined,
  take: number,
  extra?: Prisma.MessageWhereInput,
  now?: Date,
): Promise<MessagePage> {
  if (query.rcpt) return listByRecipient(db, workspaceId, query, cursor, take, extra, now);
  const where: Prisma.MessageWhereInput = { AND: [messageWhere(workspaceId, query, now), afterCursor(cursor), ...(extra ? [extra] : [])] };
  const rows = await db.message.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: take + 1, select: MESSAGE_ROW_SELECT });
  const more = rows.length > take;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor(last) : null };
}

async function listByRecipient(
  db: Db,
  workspaceId: string,
  query: Partial<TDeliveryLogQuery>,
  cursor: Cursor | undefined,
  take: number,
  extra: Prisma.MessageWhereInput | undefined,
  now: Date | undefined,
): Promise<MessagePage> {
  const recipient = parseRecipientFilter(query.rcpt ?? "");
  // An unparseable recipient matches nothing rather than everything.
  if (!recipient) return { rows: [], nextCursor: null };
  const own = ownColumnsWhere(query);
  const message = own && extra ? { AND: [own, extra] } : (own ?? extra ?? null);
  const { ids, more } = await recipientPageIds({ db, workspaceId, recipient, window: timeWindow(query, now), message, cursor, take });
  if (ids.length === 0) return { rows: [], nextCursor: null };
  const found = await db.message.findMany({ where: { workspaceId, id: { in: ids } }, select: MESSAGE_ROW_SELECT });
  const byId = new Map(found.map((m) => [m.id, m]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor(last) : null };
}
