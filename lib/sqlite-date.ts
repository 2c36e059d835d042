/** The text Prisma's better-sqlite3 adapter stores for a DateTime (its "iso8601" timestampFormat), for rows written without Prisma. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A stored timestamp as text: SQLite's ISO with "+00:00", PostgreSQL's "2026-01-02 03:04:05.678" (UTC, no zone). */
export function utcDate(text: string | number | Date): Date {
  if (typeof text !== "string") return new Date(text);
  if (/^\d+$/.test(text)) return new Date(Number(text));
  const iso = text.replace(" ", "T");
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
}
