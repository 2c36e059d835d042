// The suppression list as CSV (the current search), streamed page by page with the exports'
// own quoting and formula neutralisation (lib/delivery-logs/csv.ts). The columns are the ones
// an import reads back (address, then a note), so an export can be imported into another workspace.
import type { Db } from "../db";
import { csvStream } from "../delivery-logs/csv";
import { EXPORT_PAGE } from "../delivery-logs/export-csv";
import type { Cursor } from "../delivery-logs/filters";
import { listSuppressionsAfter } from "./list-suppressions";

export const SUPPRESSION_CSV_HEADER = ["address", "detail", "reason", "message_id", "created_at"] as const;

export function suppressionsCsv(db: Db, workspaceId: string, q: string | undefined): ReadableStream<Uint8Array> {
  return csvStream(
    SUPPRESSION_CSV_HEADER,
    async (cursor: Cursor | undefined) => {
      const page = await listSuppressionsAfter(db, workspaceId, q, cursor, EXPORT_PAGE);
      const last = page.rows.at(-1);
      return { rows: page.rows, next: page.nextCursor && last ? { createdAt: last.createdAt, id: last.id } : undefined };
    },
    (s) => [s.address, s.detail, s.reason, s.messageId, s.createdAt],
  );
}
