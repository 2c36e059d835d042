// SQLite's LIKE has no escape character unless the query says ESCAPE, and Prisma never does, so
// no text could be searched for literally there (lib/text/like-pattern.ts). Each SQLite
// connection the portal's Prisma client opens gets a LIKE that takes `\` as its escape, as
// PostgreSQL's does. SQLite runs `x LIKE y` as like(y, x), so defining like() is the documented
// way to change the operator (https://sqlite.org/lang_expr.html#like).
import type Database from "better-sqlite3";
import { likeMatches } from "./text/like-pattern";

export function installBackslashLike(sqlite: Pick<Database.Database, "function">): void {
  sqlite.function("like", { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (pattern === null || value === null) return null;
    return likeMatches(String(pattern), String(value)) ? 1 : 0;
  });
}
