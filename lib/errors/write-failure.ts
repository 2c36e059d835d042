// What a failed database write means for the rows in it, for writers that must not let one
// bad row (or a row whose referenced account was deleted meanwhile) sink the others.
export type WriteFailure = "foreign_key" | "transient" | "rejected";

/**
 * What a failed write means for the rows in it. Prisma reports a missing referenced row as
 * P2003; drivers underneath say it in their own words (SQLite text, PostgreSQL SQLSTATE 23503).
 * Other Prisma request errors (P2xxx: value too long, bad data) are about the rows; anything
 * else (busy, locked, connection, timeout, P1xxx) is about the database and worth a retry.
 */
export function classifyWriteFailure(error: unknown): WriteFailure {
  const e = error as { code?: unknown; message?: unknown; meta?: unknown; cause?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  const text = `${typeof e?.message === "string" ? e.message : String(error)} ${safeJson(e?.meta)} ${safeJson(e?.cause)}`;
  if (code === "P2003" || code === "23503" || /foreign key constraint|FOREIGN KEY constraint failed|SQLITE_CONSTRAINT_FOREIGNKEY|23503/i.test(text)) return "foreign_key";
  if (code === "P2024" || code === "P2034" || code.startsWith("P1")) return "transient";
  if (/^P2\d{3}$/.test(code)) return "rejected";
  return "transient";
}

function safeJson(value: unknown): string {
  try {
    return value === undefined ? "" : JSON.stringify(value);
  } catch {
    return "";
  }
}
