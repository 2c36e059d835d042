// Driver adapter factories for the Wasm schema engine, with the fixes the plain adapters need
// to behave like the native engine's connectors (each fix says which difference it closes). Each factory has the shape the engine expects (provider, adapterName, connect(),
// connectToShadowDb()) plus close() (end pools) and, for SQLite, resetDatabase().
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

// Use the `pg` module that @prisma/adapter-pg itself resolves: adapter-pg checks
// `pool instanceof pg.Pool`, which fails across two copies of the module.
const adapterPgPath = require.resolve("@prisma/adapter-pg");
const pg = createRequire(adapterPgPath)("pg");
const { PrismaPg } = await import("@prisma/adapter-pg");
const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
const Database = createRequire(require.resolve("@prisma/adapter-better-sqlite3"))("better-sqlite3");

const EMPTY_RESULT = Object.freeze({ columnNames: [], columnTypes: [], rows: [] });

// ---------------------------------------------------------------------------------------------
// URLs

export function providerOfUrl(url) {
  if (/^file:/.test(url)) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`unsupported datasource url (expected file: or postgresql://): ${redactUrl(url)}`);
}

/** The absolute path of a SQLite `file:` URL; relative paths resolve from the working directory. */
export function sqlitePathOfUrl(url) {
  const p = url.replace(/^file:(\/\/)?/, "").replace(/\?.*$/, "");
  return p === ":memory:" ? p : path.resolve(p);
}

/** A PostgreSQL URL pointing at another database of the same server. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseOfUrl(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || new URL(url).username || "postgres";
}

/** host:port for messages (never the password). */
export function serverOfUrl(url) {
  const u = new URL(url);
  return `${u.hostname || "localhost"}:${u.port || 5432}`;
}

export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

/** `pg` connection options; `?schema=` is Prisma's, not libpq's, so strip it. */
function pgConfig(url) {
  const u = new URL(url);
  u.searchParams.delete("schema");
  return { connectionString: u.toString() };
}

function schemaOfUrl(url) {
  return new URL(url).searchParams.get("schema") ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// SQLite

function isMultiStatementError(e) {
  return e instanceof RangeError && /more than one statement/i.test(e.message);
}

function isMissingMigrationsTable(e, sql) {
  return e?.name === "DriverAdapterError" && e.cause?.kind === "TableDoesNotExist" && /_prisma_migrations/.test(sql);
}

/** Run a whole script; SQLite errors become DriverAdapterErrors (as in the adapter's own calls). */
function execScript(q, db, sql) {
  try {
    db.exec(sql);
  } catch (e) {
    q.onError(e); // throws DriverAdapterError
  }
}

/**
 * Wrap a better-sqlite3 queryable (adapter or transaction) in place.
 * `db` is the underlying better-sqlite3 Database.
 */
function patchSqliteQueryable(q, db) {
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  q.queryRaw = async (query) => {
    try {
      return await queryRaw(query);
    } catch (e) {
      // Defect 2: the engine sends whole migration scripts through executeRaw/queryRaw;
      // better-sqlite3's prepare() accepts one statement only. Run argument-less scripts with exec().
      if (isMultiStatementError(e) && query.args.length === 0) {
        execScript(q, db, query.sql);
        return EMPTY_RESULT;
      }
      // Defect 1: on a fresh database the Wasm SQLite connector turns "no such table:
      // _prisma_migrations" into P1014, where the native engine reads it as an empty history
      // (and then creates the table itself). Answer the SELECT with no rows.
      if (isMissingMigrationsTable(e, query.sql)) return EMPTY_RESULT;
      throw e;
    }
  };
  q.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      if (isMultiStatementError(e) && query.args.length === 0) {
        execScript(q, db, query.sql); // defect 2, as above
        return 0;
      }
      throw e;
    }
  };
  return q;
}

function patchSqliteAdapter(adapter) {
  const db = adapter.client;
  patchSqliteQueryable(adapter, db);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchSqliteQueryable(await startTransaction(...args), db);
  return adapter;
}

export function sqliteFactory({ url, shadowDatabaseUrl }) {
  const file = sqlitePathOfUrl(url);
  const base = new PrismaBetterSqlite3(
    { url: file },
    shadowDatabaseUrl ? { shadowDatabaseUrl: sqlitePathOfUrl(shadowDatabaseUrl) } : undefined,
  );
  const open = new Set();
  const track = (adapter) => {
    open.add(adapter.client);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      open.delete(adapter.client);
      return dispose();
    };
    return patchSqliteAdapter(adapter);
  };
  let main;
  return {
    provider: "sqlite",
    adapterName: base.adapterName,
    file,
    async connect() {
      main = track(await base.connect());
      return main;
    },
    async connectToShadowDb() {
      return track(await base.connectToShadowDb());
    },
    /**
     * Defect 3: the Wasm `reset` for SQLite only deletes rows, so `migrate reset` / `migrate dev`
     * re-applying migrations fail with "table already exists". Empty the database the way a fresh
     * file is empty: drop every table, view, index and trigger (on the engine's own connection,
     * which may hold the file's lock), then VACUUM. Unlike truncating the file this also keeps the
     * persistent journal mode (WAL) and never leaves stale pages in a -wal file.
     */
    async resetDatabase() {
      const db = main?.client && main.client.open ? main.client : new Database(file);
      try {
        db.pragma("foreign_keys = OFF");
        const objects = db
          .prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('table', 'view', 'trigger')")
          .all();
        const quote = (n) => `"${String(n).replaceAll('"', '""')}"`;
        db.transaction(() => {
          for (const o of objects.filter((o) => o.type === "trigger")) db.exec(`DROP TRIGGER IF EXISTS ${quote(o.name)}`);
          for (const o of objects.filter((o) => o.type === "view")) db.exec(`DROP VIEW IF EXISTS ${quote(o.name)}`);
          for (const o of objects.filter((o) => o.type === "table")) db.exec(`DROP TABLE IF EXISTS ${quote(o.name)}`);
          const seq = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
          if (seq) db.exec("DELETE FROM sqlite_sequence");
        })();
        db.exec("VACUUM");
        db.pragma("foreign_keys = ON");
      } finally {
        if (db !== main?.client) db.close();
      }
    },
    /** Synchronous, so it can run in a SIGTERM handler (the CLI kills the engine when done). */
    closeSync() {
      for (const db of open) if (db.open) db.close();
      open.clear();
    },
    async close() {
      this.closeSync();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** OID of PostgreSQL's internal one-byte `"char"` type, and of `text`. */
const CHAR_OID = 18;
const TEXT_OID = 25;

function reportCharAsText(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of r?.fields ?? []) if (f.dataTypeID === CHAR_OID) f.dataTypeID = TEXT_OID;
  }
  return result;
}

/**
 * Defect 4: the engine's catalog queries return `"char"` columns (pg_class.relkind, …) that
 * adapter-pg refuses to decode (UnsupportedNativeDataType, OID 18). Its value arrives as a
 * plain string anyway, so report the column as text. Done in the Client class so both
 * pool.query and pooled clients (transactions) are covered.
 */
class CharAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (config && typeof config.submit === "function") return super.query(config, values, callback);
    if (typeof callback === "function") return super.query(config, values, (err, res) => callback(err, err ? res : reportCharAsText(res)));
    return super.query(config, values).then(reportCharAsText);
  }
}

function newPool(url, extra = {}) {
  return new pg.Pool({ ...pgConfig(url), Client: CharAsTextClient, max: 4, ...extra });
}

/**
 * Defect 5a: adapter-pg's executeScript splits the script on every ";" (breaking plpgsql bodies
 * and string literals) and runs the pieces on whichever pool connection is free. Send the whole
 * script as one simple-query batch instead: PostgreSQL runs it as one implicit transaction
 * unless it manages its own.
 */
function patchPgAdapter(adapter, pool) {
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  return adapter;
}

export function pgFactory({ url, shadowDatabaseUrl }) {
  const schema = schemaOfUrl(url);
  const pools = new Set();
  const track = (pool) => {
    pools.add(pool);
    pool.on("error", () => {}); // idle-client errors must not crash the engine
    return pool;
  };
  const mainPool = track(newPool(url));
  const base = new PrismaPg(mainPool, { schema });
  return {
    provider: "postgres",
    adapterName: base.adapterName,
    pool: mainPool,
    async connect() {
      return patchPgAdapter(await base.connect(), mainPool);
    },
    /**
     * Defect 5b: given a connection string, adapter-pg's connectToShadowDb creates a shadow
     * database but connects to the main one again (the URL's database wins over `database`),
     * and drops it while its pool is still connected. Use the configured shadowDatabaseUrl, or
     * create `prisma_migrate_shadow_db_<uuid>` like the native engine, connect to *it*, and drop
     * it on dispose after closing the pool.
     */
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        const pool = track(newPool(shadowDatabaseUrl));
        const adapter = await new PrismaPg(pool, { schema: schemaOfUrl(shadowDatabaseUrl) }).connect();
        const dispose = adapter.dispose.bind(adapter);
        adapter.dispose = async () => {
          await dispose();
          pools.delete(pool);
          await pool.end();
        };
        return patchPgAdapter(adapter, pool);
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await mainPool.query(`CREATE DATABASE "${name}"`);
      const pool = track(newPool(withDatabase(url, name)));
      const adapter = await new PrismaPg(pool, { schema }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        pools.delete(pool);
        await pool.end();
        await mainPool.query(`DROP DATABASE IF EXISTS "${name}"`);
      };
      return patchPgAdapter(adapter, pool);
    },
    async close() {
      const all = [...pools];
      pools.clear();
      await Promise.allSettled(all.map((p) => p.end()));
    },
  };
}

export function factoryFor(datasource) {
  return providerOfUrl(datasource.url) === "sqlite" ? sqliteFactory(datasource) : pgFactory(datasource);
}

export { pg, Database };

/** For the `cli create-database` of SQLite: create the file (and its directory). */
export function createSqliteFile(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  new Database(file).close();
}
