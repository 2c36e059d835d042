/** The text Prisma's better-sqlite3 adapter stores for a DateTime (its "iso8601" timestampFormat), for rows written without Prisma. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
