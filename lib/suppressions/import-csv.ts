// Importing a CSV of addresses into the suppression list. The file is bounded (bytes and lines);
// each record's first cell must be an email address (an optional second cell is kept as the
// note); a header row ("address" / "email") is skipped, so an export imports as it is. Lines
// that are not addresses are reported with their line number and why; the accepted ones are
// inserted in one transaction, and addresses already on the list (or twice in the file) are
// counted as duplicates, not failures.
import { parse } from "csv-parse/sync";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { checkSuppressionAddress } from "./address";
import { MAX_NOTE } from "./add-suppression";
import { formulaCellText } from "../delivery-logs/csv";
import { withoutControls } from "../text/display-text";

/** Under the portal's 1 MB server-action body limit, with room for the form around it. */
export const MAX_IMPORT_BYTES = 512 * 1024;
export const MAX_IMPORT_LINES = 10_000;
/** Rejected lines listed in the report (the count covers them all). */
export const MAX_REPORTED = 200;
/** Addresses per existence query and per insert, well under SQLite's bound-parameter limit. */
const CHUNK = 500;

const HEADER_CELLS = new Set(["address", "email", "email address", "e-mail", "recipient"]);

export type RejectedLine = { line: number; text: string; reason: string };
export type ParsedImport = { accepted: { line: number; address: string; note: string | null }[]; rejected: RejectedLine[]; duplicatesInFile: number };

/** The file's records checked one by one (pure: no database). Throws INVALID_INPUT for a file that is too big or not CSV at all. */
export function parseSuppressionCsv(text: string): ParsedImport {
  if (Buffer.byteLength(text, "utf8") > MAX_IMPORT_BYTES) throw new AppError("INVALID_INPUT", `The file is larger than ${MAX_IMPORT_BYTES / 1024} KB; split it into smaller files.`, "file");
  const lineCount = text.split(/\r\n|\n|\r/).length - (/(\r\n|\n|\r)$/.test(text) ? 1 : 0);
  if (lineCount > MAX_IMPORT_LINES) throw new AppError("INVALID_INPUT", `The file has ${lineCount} lines; at most ${MAX_IMPORT_LINES} can be imported at once.`, "file");
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    // With info and raw, csv-parse returns { record, info, raw } per record (its types say string[][]).
    records = parse(text, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError("INVALID_INPUT", `The file is not readable as CSV${line ? ` (line ${line})` : ""}: check its quotes.`, "file");
  }
  const accepted: ParsedImport["accepted"] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Set<string>();
  let duplicatesInFile = 0;
  records.forEach(({ record, info, raw }, index) => {
    const body = raw.replace(/^(\r?\n|\r)+/, "").replace(/(\r?\n|\r)$/, "");
    const line = info.lines - (body.match(/\r\n|\n|\r/g)?.length ?? 0);
    const first = formulaCellText(record[0] ?? "");
    if (index === 0 && HEADER_CELLS.has(first.toLowerCase())) return;
    const checked = checkSuppressionAddress(first);
    if (!checked.ok) {
      rejected.push({ line, text: body.slice(0, 120), reason: checked.reason });
      return;
    }
    if (seen.has(checked.address)) {
      duplicatesInFile++;
      return;
    }
    seen.add(checked.address);
    accepted.push({ line, address: checked.address, note: withoutControls(record[1] === undefined ? "" : formulaCellText(record[1])).trim().slice(0, MAX_NOTE) || null });
  });
  return { accepted, rejected, duplicatesInFile };
}

export type ImportReport = { added: number; duplicates: number; rejectedCount: number; rejected: RejectedLine[] };

export async function importSuppressions({ db, workspaceId, csv, fileName, actor }: { db: Db; workspaceId: string; csv: string; fileName?: string; actor: Actor }): Promise<ImportReport> {
  const parsed = parseSuppressionCsv(csv);
  const added = await db.$transaction(async (tx) => {
    let count = 0;
    for (let i = 0; i < parsed.accepted.length; i += CHUNK) {
      const chunk = parsed.accepted.slice(i, i + CHUNK);
      const existing = await tx.suppression.findMany({ where: { workspaceId, address: { in: chunk.map((a) => a.address) } }, select: { address: true } });
      const present = new Set(existing.map((e) => e.address));
      const fresh = chunk.filter((a) => !present.has(a.address));
      if (fresh.length > 0) await tx.suppression.createMany({ data: fresh.map((a) => ({ workspaceId, address: a.address, reason: "import", detail: a.note, createdById: actor.id })) });
      count += fresh.length;
    }
    await recordAudit(tx, actor, {
      action: "suppression.import",
      workspaceId,
      target: fileName ? { type: "file", id: fileName.slice(0, 200), label: fileName.slice(0, 200) } : null,
      metadata: { added: count, duplicates: parsed.accepted.length - count + parsed.duplicatesInFile, rejected: parsed.rejected.length },
    });
    return count;
  });
  return {
    added,
    duplicates: parsed.accepted.length - added + parsed.duplicatesInFile,
    rejectedCount: parsed.rejected.length,
    rejected: parsed.rejected.slice(0, MAX_REPORTED),
  };
}
