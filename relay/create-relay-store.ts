// The relay store for DATABASE_URL: better-sqlite3 prepared statements on a writer thread for
// SQLite (store-sqlite-thread.ts; Prisma per row costs about ten times the CPU), Prisma for
// PostgreSQL (store-prisma.ts, FOR UPDATE SKIP LOCKED claims shared by several relays).
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import type { RelayStore } from "./relay-store";
import type { StoreSteps } from "./store-sqlite-thread";

export async function createRelayStore(
  env: Pick<Env, "DATABASE_URL" | "DATABASE_PROVIDER" | "SQLITE_PATH">,
  db: Db,
  onSteps?: (method: string, steps: StoreSteps) => void,
): Promise<RelayStore> {
  if (env.DATABASE_PROVIDER === "sqlite") {
    const { ThreadedSqliteRelayStore } = await import("./store-sqlite-thread");
    return new ThreadedSqliteRelayStore(env.SQLITE_PATH ?? env.DATABASE_URL.slice("file:".length), onSteps);
  }
  const { PrismaRelayStore } = await import("./store-prisma");
  return new PrismaRelayStore(db, env.DATABASE_URL);
}
