// Plain SQL reads straight through the database driver (better-sqlite3 or pg), beside a Prisma
// client, for the few reads too large for Prisma's query path: a CSV export of 100,000 rows.
// Prisma keeps each page's results alive across young-generation collections, so a long export
// promotes nearly everything it reads to the old generation and the portal's RSS climbed by
// 150–290 MB over five exports; the driver's rows die young (flat RSS, and 2.4× faster).
// One connection per client (SQLite: read-only; PostgreSQL: a pool of 2), opened on first use
// and closed with the client's $disconnect().
import Database from "better-sqlite3";
import pg from "pg";
import type { Db } from "./db";
import { PG_IDLE_TIMEOUT_MS } from "./pg-pool-settings";
import { sqliteDate } from "./sqlite-date";

export type DriverReads = {
  /**
   * Rows of one statement written with `?` placeholders (numbered for PostgreSQL here). A Date
   * parameter is sent as the database stores DateTimes: SQLite's text (sqliteDate), UTC for
   * PostgreSQL's timestamp columns (pg would send local time).
   */
  all<Row>(sql: string, params: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
};

function sqliteReads(file: string): DriverReads {
  let sqlite: Database.Database | undefined;
  const statements = new Map<string, Database.Statement>();
  return {
    async all<Row>(sql: string, params: readonly unknown[]) {
      sqlite ??= new Database(file, { readonly: true, fileMustExist: true });
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
      return statement.all(...params.map((p) => (p instanceof Date ? sqliteDate(p) : p))) as Row[];
    },
    async close() {
      sqlite?.close();
      sqlite = undefined;
      statements.clear();
    },
  };
}

/** A `?` statement as pg takes it: numbered placeholders, Dates as UTC ISO text (pg would send local time). */
export function postgresStatement(sql: string, params: readonly unknown[]): { text: string; values: unknown[] } {
  let n = 0;
  return { text: sql.replace(/\?/g, () => `$${++n}`), values: params.map((p) => (p instanceof Date ? p.toISOString() : p)) };
}

function postgresReads(connectionString: string): DriverReads {
  let pool: pg.Pool | undefined;
  return {
    async all<Row>(sql: string, params: readonly unknown[]) {
      if (!pool) {
        pool = new pg.Pool({ connectionString, max: 2, idleTimeoutMillis: PG_IDLE_TIMEOUT_MS });
        // An idle connection the server closes (restart, DROP DATABASE … WITH (FORCE)) is
        // discarded by the pool; without a listener its error would end the process.
        pool.on("error", () => undefined);
      }
      const { text, values } = postgresStatement(sql, params);
      return (await pool.query(text, values)).rows as Row[];
    },
    async close() {
      await pool?.end();
      pool = undefined;
    },
  };
}

/** Driver reads for the database at `databaseUrl` (a `file:` URL is SQLite). */
export function driverReads(databaseUrl: string): DriverReads {
  return databaseUrl.startsWith("file:") ? sqliteReads(databaseUrl.slice("file:".length)) : postgresReads(databaseUrl);
}

const READS = Symbol.for("migosmtp.db.driverReads");

/** Attaches driver reads to a client made by createDb (driverReads of its URL), closed by its $disconnect(). */
export function attachDriverReads(db: Db, reads: DriverReads): Db {
  const disconnect = db.$disconnect.bind(db);
  Object.defineProperty(db, READS, { value: reads });
  Object.defineProperty(db, "$disconnect", {
    value: async () => {
      await reads.close();
      await disconnect();
    },
  });
  return db;
}

export function readsOf(db: Db): DriverReads {
  const reads = (db as unknown as Record<symbol, DriverReads | undefined>)[READS];
  if (!reads) throw new Error("readsOf: a client not made by createDb()");
  return reads;
}
