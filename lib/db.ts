// The one database handle of a process. One build serves both databases: the provider is
// chosen at run time from DATABASE_URL, through Prisma driver adapters (no native engine).
// Both generated clients expose the same models; the SQLite one's types stand for both.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { getEnv } from "./env";

export type Db = SqliteClient;

/** SQLite is shared by three processes: wait for a writer instead of failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

const providers = new WeakMap<Db, "sqlite" | "postgresql">();

export function createDb(databaseUrl: string = getEnv().DATABASE_URL): Db {
  if (databaseUrl.startsWith("file:")) {
    const adapter = new PrismaBetterSqlite3({ url: databaseUrl.slice("file:".length), timeout: SQLITE_BUSY_TIMEOUT_MS });
    const db = new SqliteClient({ adapter });
    providers.set(db, "sqlite");
    return db;
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  const db = new PostgresClient({ adapter }) as unknown as Db;
  providers.set(db, "postgresql");
  return db;
}

/** Which database a client talks to, for the few queries that differ. */
export function providerOf(db: Db): "sqlite" | "postgresql" {
  return providers.get(db) ?? "sqlite";
}

/** A substring filter that ignores case on both databases (SQLite's LIKE already does for ASCII; PostgreSQL needs ILIKE). */
export function containsIgnoringCase(db: Db, text: string): Prisma.StringFilter {
  return providerOf(db) === "postgresql" ? ({ contains: text, mode: "insensitive" } as Prisma.StringFilter) : { contains: text };
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
