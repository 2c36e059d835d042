// CSV exports of the delivery log (current filters) and the audit log, streamed page by page
// over the same keyset as the pages, so an export of any size holds one page in memory. The
// delivery log's pages are read through the driver (export-rows.ts says why).
import type { Db } from "../db";
import { listAuditEventsAfter, type TAuditQuery } from "../audit/list-audit";
import { csvStream } from "./csv";
import { exportRowsAfter, type ExportCursor, type ExportRow } from "./export-rows";
import { type Cursor, type TDeliveryLogQuery, timeWindow } from "./filters";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/sqlite/client";
import { listMessagesAfter } from "./list-messages";
import { flaggedOnlyWhere } from "./review";

// Small pages keep the portal's memory flat while a large export streams (measured by npm run bench).
export const EXPORT_PAGE = 250;

const DELIVERY_LOG_COLUMNS = ["time", "message_id", "account", "client_ip", "envelope_from", "first_recipient", "recipient_count", "subject", "size_bytes", "status", "last_reply", "password_version", "tls"] as const;

export function deliveryLogCsv(db: Db, workspaceId: string, query: TDeliveryLogQuery, now = new Date()): ReadableStream<Uint8Array> {
  // A preset is resolved once, so every page reads the same window.
  const fixed: TDeliveryLogQuery = { ...query, cursor: undefined, preset: undefined, from: timeWindow(query, now).from };
  if (query.review && query.flagged && query.account) return flaggedReviewCsv(db, workspaceId, { ...fixed, account: query.account }, now);
  return csvStream(
    DELIVERY_LOG_COLUMNS,
    (cursor: ExportCursor | undefined) => exportRowsAfter(db, workspaceId, fixed, cursor, EXPORT_PAGE, now),
    (m) => deliveryLogCells(m, m.accountLabel),
  );
}

/** One message as a row of DELIVERY_LOG_COLUMNS. */
function deliveryLogCells(m: Omit<ExportRow, "accountLabel">, accountLabel: string | null | undefined): unknown[] {
  return [m.createdAt, m.id, accountLabel ?? "", m.clientIp, m.envelopeFrom, m.firstRecipient, m.recipientCount, m.subject, m.sizeBytes, m.status, m.lastReply, m.passwordVersion, m.tlsProtocol];
}

/**
 * A compromise review's "flagged only" (review.ts): the rows the page lists, through the page's
 * own query with the review's flags. Read through Prisma, not the driver: the flags are a Prisma
 * condition, and a review covers one account's window, not a whole workspace's log.
 */
function flaggedReviewCsv(db: Db, workspaceId: string, query: TDeliveryLogQuery & { account: string }, now: Date): ReadableStream<Uint8Array> {
  let flagged: Promise<Prisma.MessageWhereInput> | undefined;
  return csvStream(
    DELIVERY_LOG_COLUMNS,
    async (cursor: Cursor | undefined) => {
      flagged ??= flaggedOnlyWhere(db, { workspaceId, accountId: query.account, from: query.from, to: query.to, now }).catch((e: unknown) =>
        e instanceof AppError && e.code === "NOT_FOUND" ? { id: "" } : Promise.reject(e),
      );
      const page = await listMessagesAfter(db, workspaceId, query, cursor, EXPORT_PAGE, await flagged, now);
      const last = page.rows.at(-1);
      return { rows: page.rows, next: page.nextCursor && last ? { createdAt: last.createdAt, id: last.id } : undefined };
    },
    (m) => deliveryLogCells(m, m.account?.label),
  );
}

export function auditLogCsv(db: Db, workspaceId: string, query: TAuditQuery): ReadableStream<Uint8Array> {
  return csvStream(
    ["time", "actor", "action", "target_type", "target_id", "target", "ip", "user_agent", "details"],
    async (cursor: Cursor | undefined) => {
      const page = await listAuditEventsAfter(db, workspaceId, { ...query, cursor: undefined }, cursor, EXPORT_PAGE);
      const last = page.rows.at(-1);
      return { rows: page.rows, next: page.nextCursor && last ? { createdAt: last.createdAt, id: last.id } : undefined };
    },
    (e) => [e.createdAt, e.actorEmail, e.action, e.targetType, e.targetId, e.targetLabel, e.ip, e.userAgent, e.metadata],
  );
}
