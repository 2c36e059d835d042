// CSV exports of the delivery log (current filters) and the audit log, streamed page by page
// over the same keyset as the pages, so an export of any size holds one page in memory. The
// delivery log's pages are read through the driver (export-rows.ts says why).
import type { Db } from "../db";
import { listAuditEventsAfter, type TAuditQuery } from "../audit/list-audit";
import { csvStream } from "./csv";
import { exportRowsAfter, type ExportCursor } from "./export-rows";
import { type Cursor, type TDeliveryLogQuery, timeWindow } from "./filters";

// Small pages keep the portal's memory flat while a large export streams (measured by npm run bench).
export const EXPORT_PAGE = 250;

export function deliveryLogCsv(db: Db, workspaceId: string, query: TDeliveryLogQuery, now = new Date()): ReadableStream<Uint8Array> {
  // A preset is resolved once, so every page reads the same window.
  const fixed: TDeliveryLogQuery = { ...query, cursor: undefined, preset: undefined, from: timeWindow(query, now).from };
  return csvStream(
    ["time", "message_id", "account", "client_ip", "envelope_from", "first_recipient", "recipient_count", "subject", "size_bytes", "status", "last_reply", "password_version", "tls"],
    (cursor: ExportCursor | undefined) => exportRowsAfter(db, workspaceId, fixed, cursor, EXPORT_PAGE, now),
    (m) => [m.createdAt, m.id, m.accountLabel ?? "", m.clientIp, m.envelopeFrom, m.firstRecipient, m.recipientCount, m.subject, m.sizeBytes, m.status, m.lastReply, m.passwordVersion, m.tlsProtocol],
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
