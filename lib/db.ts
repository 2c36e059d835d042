// The one database handle of a process. One build serves both databases: the provider is
// chosen at run time from DATABASE_URL, through Prisma driver adapters (no native engine).
// Both generated clients expose the same models; the SQLite one's types stand for both.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { getEnv } from "./env";

export type Db = SqliteClient;

/** SQLite is shared by three processes: wait for a writer instead of failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function createDb(databaseUrl: string = getEnv().DATABASE_URL): Db {
  if (databaseUrl.startsWith("file:")) {
    const adapter = new PrismaBetterSqlite3({ url: databaseUrl.slice("file:".length), timeout: SQLITE_BUSY_TIMEOUT_MS });
    return new SqliteClient({ adapter });
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  return new PostgresClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { migosmtpDb?: Db };

/** The process-wide client (kept on globalThis so Next.js dev reloads reuse it). */
export function getDb(): Db {
  globalForDb.migosmtpDb ??= createDb();
  return globalForDb.migosmtpDb;
}

export async function closeDb(): Promise<void> {
  await globalForDb.migosmtpDb?.$disconnect();
  globalForDb.migosmtpDb = undefined;
}
