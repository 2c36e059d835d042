// The one database handle of a process. One build serves both databases: the provider is
// chosen at run time from DATABASE_URL, through Prisma driver adapters (no native engine).
// Both generated clients expose the same models; the SQLite one's types stand for both.
import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { attachDriverReads, driverReads } from "./driver-reads";
import { getEnv } from "./env";
import { PG_IDLE_TIMEOUT_MS, PG_POOL_MAX } from "./pg-pool-settings";
import { sqliteAdapter } from "./sqlite-adapter";
import { escapeLike } from "./text/like-pattern";

export type Db = SqliteClient;

/** SQLite is shared by three processes: wait for a writer instead of failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

// On the client itself, under a registry symbol: Next.js may load this module more than once
// (server components, route handlers) while getDb() shares one client through globalThis, so
// module-local state (a WeakMap) would not know a client another copy created.
const PROVIDER = Symbol.for("migosmtp.db.provider");
type Provider = "sqlite" | "postgresql";

function tagged(db: Db, provider: Provider, databaseUrl: string): Db {
  Object.defineProperty(db, PROVIDER, { value: provider });
  return attachDriverReads(db, driverReads(databaseUrl));
}

export function createDb(databaseUrl: string = getEnv().DATABASE_URL): Db {
  if (databaseUrl.startsWith("file:")) {
    const adapter = sqliteAdapter({ url: databaseUrl.slice("file:".length), timeout: SQLITE_BUSY_TIMEOUT_MS });
    return tagged(new SqliteClient({ adapter }), "sqlite", databaseUrl);
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: PG_POOL_MAX, idleTimeoutMillis: PG_IDLE_TIMEOUT_MS });
  return tagged(new PostgresClient({ adapter }) as unknown as Db, "postgresql", databaseUrl);
}

/** Which database a client talks to, for the few queries that differ. */
export function providerOf(db: Db): Provider {
  const provider = (db as unknown as Record<symbol, Provider | undefined>)[PROVIDER];
  if (!provider) throw new Error("providerOf: a client not made by createDb()");
  return provider;
}

/** A filter for values holding `text` as it is: `%`, `_` and `\\` are not wildcards (lib/text/like-pattern.ts). */
export function containsText(text: string): { contains: string } {
  return { contains: escapeLike(text) };
}

/** containsText, ignoring case on both databases (SQLite's LIKE does; PostgreSQL needs ILIKE). */
export function containsIgnoringCase(db: Db, text: string): Prisma.StringFilter {
  return providerOf(db) === "postgresql" ? ({ ...containsText(text), mode: "insensitive" } as Prisma.StringFilter) : containsText(text);
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
