// `schema-engine cli <command>`: can-connect-to-database, create-database, drop-database.
// Why not the Wasm engine: these commands panic in Wasm for SQLite, and a driver adapter can only
// talk to an existing database. So they are done directly: the file system for SQLite, `pg`
// against the server's `postgres` database for PostgreSQL.
import fs from "node:fs";
import path from "node:path";
import {
  createSqliteFile,
  databaseOfUrl,
  pg,
  providerOfUrl,
  serverOfUrl,
  sqlitePathOfUrl,
  withDatabase,
} from "./engine-adapters.mjs";

/** An error the CLI understands: a Prisma error code (P1001, P1003, …) and a message. */
export class EngineCliError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Map a `pg` connection error to the native engine's user-facing error codes. */
export function pgConnectionError(e, url) {
  const server = serverOfUrl(url);
  const db = databaseOfUrl(url);
  switch (e?.code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ECONNRESET":
      return new EngineCliError("P1001", `Can't reach database server at \`${server}\`\n\nPlease make sure your database server is running at \`${server}\`.`);
    case "3D000":
      return new EngineCliError("P1003", `Database \`${db}\` does not exist on the database server at \`${server}\`.`);
    case "28P01":
    case "28000":
      return new EngineCliError("P1000", `Authentication failed against database server at \`${server}\`, the provided database credentials are not valid.`);
    case "42P04":
      return new EngineCliError("P1009", `Database \`${db}\` already exists on the database server at \`${server}\``);
    case "42501":
      return new EngineCliError("P1010", `User was denied access on the database \`${db}\``);
    default:
      return new EngineCliError("P1000", `${e?.message ?? e} (${server})`);
  }
}

async function withPgClient(url, fn) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    throw pgConnectionError(e, url);
  }
  try {
    return await fn(client);
  } catch (e) {
    throw pgConnectionError(e, url);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Connect to the server's maintenance database (postgres, else template1). */
async function withMaintenanceClient(url, fn) {
  try {
    return await withPgClient(withDatabase(url, "postgres"), fn);
  } catch (e) {
    if (e.code !== "P1003") throw e;
    return withPgClient(withDatabase(url, "template1"), fn);
  }
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/** Run one `cli` command. Returns what to print on stdout (or undefined). Throws EngineCliError. */
export async function runCliCommand(command, datasource) {
  const url = datasource?.url;
  if (!url) throw new EngineCliError("P1012", "The datasource has no url.");
  const provider = providerOfUrl(url);

  if (provider === "sqlite") {
    const file = sqlitePathOfUrl(url);
    const name = path.basename(file);
    switch (command) {
      case "can-connect-to-database":
        if (!fs.existsSync(file)) throw new EngineCliError("P1003", `Database \`${name}\` does not exist at \`${file}\`.`);
        return undefined;
      case "create-database":
        if (fs.existsSync(file)) throw new EngineCliError("P1009", `Database \`${name}\` already exists at \`${file}\``);
        createSqliteFile(file);
        return JSON.stringify({ database_name: name });
      case "drop-database":
        for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
        return undefined;
    }
  } else {
    const name = databaseOfUrl(url);
    switch (command) {
      case "can-connect-to-database":
        await withPgClient(url, (c) => c.query("SELECT 1"));
        return undefined;
      case "create-database":
        await withMaintenanceClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
        return JSON.stringify({ database_name: name });
      case "drop-database":
        await withMaintenanceClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`));
        return undefined;
    }
  }
  throw new EngineCliError("P1000", `Unknown cli command: ${command}`);
}
