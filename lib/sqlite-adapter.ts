// Prisma's better-sqlite3 adapter, with interactive transactions opened by BEGIN IMMEDIATE.
//
// The adapter opens them with a deferred BEGIN. SQLite is shared by the portal, the relay and
// the webhook thread, each with its own connection, in WAL mode. A deferred transaction that
// reads (say, loads the account) and then writes, after another connection has committed in
// between, fails at once with SQLITE_BUSY_SNAPSHOT: the busy timeout does not apply, and the
// admin saw "Something went wrong" on Disable while the relay was writing. BEGIN IMMEDIATE takes
// the write lock first, so such a transaction waits its turn (up to the busy timeout) instead.
// Nothing else changes: the adapter's own lock still keeps one transaction per connection.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { installBackslashLike } from "./sqlite-like";

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

async function beginImmediate(adapter: SqlDriverAdapter, ...args: Parameters<SqlDriverAdapter["startTransaction"]>): Promise<Transaction> {
  // The adapter's transaction holds its per-connection lock and has run a deferred BEGIN, which
  // has not touched the database yet: swap it for an immediate one on the same connection.
  const transaction = await adapter.startTransaction(...args);
  try {
    await transaction.executeRaw(statement("ROLLBACK"));
    await transaction.executeRaw(statement("BEGIN IMMEDIATE"));
  } catch (error) {
    await transaction.rollback(); // releases the lock; no transaction is open on the connection
    throw error;
  }
  return transaction;
}

function withImmediateTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "startTransaction") return (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => beginImmediate(target, ...args);
      const value: unknown = Reflect.get(target, property, target);
      // The adapter keeps its state in private fields: its methods must run on it, not the proxy.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The adapter's better-sqlite3 connection (its `client`, which its typings leave out). */
function connectionOf(adapter: SqlDriverAdapter): Parameters<typeof installBackslashLike>[0] {
  const client = (adapter as unknown as { client?: { function?: unknown } }).client;
  if (typeof client?.function !== "function") throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`: see lib/sqlite-like.ts");
  return client as Parameters<typeof installBackslashLike>[0];
}

/** The SQLite adapter factory for `new PrismaClient({ adapter })`. */
export function sqliteAdapter(config: ConstructorParameters<typeof PrismaBetterSqlite3>[0]): SqlDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3(config);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      installBackslashLike(connectionOf(adapter));
      return withImmediateTransactions(adapter);
    },
  };
}
