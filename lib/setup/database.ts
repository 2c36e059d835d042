// Database set-up for `npm start` and the test harness: generate the Prisma clients and bring a
// database (SQLite or PostgreSQL, from DATABASE_URL) to the latest migration.
//
// The Prisma CLI runs as a child process (offline, through scripts/prisma/schema-engine.mjs; see
// prisma.config.ts). Its output is captured: nothing is printed on success, and a failure
// becomes a SetupError whose message is one line naming the problem (never a stack trace, never
// a password from the URL).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { Env } from "../env";
import { derivePostgresSchema } from "./postgres-schema.mjs";

import { ROOT } from "../root";
import { joinLines } from "../text/join-lines";

/** A set-up failure the operator can act on; `message` is a single line. */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SetupError";
  }
}

type Provider = Env["DATABASE_PROVIDER"];

const PRISMA_CLI = path.join(ROOT, "node_modules", "prisma", "build", "index.js");

const SCHEMAS: Record<Provider, { config: string; schema: string; output: string }> = {
  sqlite: {
    config: path.join(ROOT, "prisma.config.ts"),
    schema: path.join(ROOT, "prisma", "schema.prisma"),
    output: path.join(ROOT, "lib", "generated", "sqlite"),
  },
  postgresql: {
    config: path.join(ROOT, "prisma", "postgres.config.ts"),
    schema: path.join(ROOT, "prisma", "postgres", "schema.prisma"),
    output: path.join(ROOT, "lib", "generated", "postgres"),
  },
};

// ---------------------------------------------------------------------------------------------
// Clients

/**
 * How a stale prisma/postgres/schema.prisma is handled: `npm start` rewrites it from
 * prisma/schema.prisma (a developer just edited the models); `npm test` and CI refuse it, so a
 * hand edit or a forgotten `npm run db:derive` fails instead of being repaired behind the check.
 */
export type DerivedSchemaMode = "write" | "check";

/**
 * Generate both Prisma clients (lib/generated/{sqlite,postgres}); the app picks one at run time.
 * Runs as its own process (scripts/generate-clients.ts) before anything that imports the
 * generated code is loaded. A client is skipped when it is newer than its schema file.
 * Returns whether the derived PostgreSQL schema was rewritten.
 */
export async function generateClients({ derivedSchema = "write" }: { derivedSchema?: DerivedSchemaMode } = {}): Promise<{ derivedSchemaWritten: boolean }> {
  const derivedSchemaWritten = syncPostgresSchema(derivedSchema);
  const stale = (Object.keys(SCHEMAS) as Provider[]).filter((p) => !isClientCurrent(p));
  await Promise.all(
    stale.map(async (provider) => {
      const { config } = SCHEMAS[provider];
      const result = await runPrisma(["generate", "--config", config], {});
      if (result.code !== 0) {
        throw new SetupError(`prisma generate (${provider}) failed: ${summarize(result.output)}`);
      }
    }),
  );
  return { derivedSchemaWritten };
}

function syncPostgresSchema(mode: DerivedSchemaMode): boolean {
  const { schema } = SCHEMAS.postgresql;
  let expected: string;
  try {
    expected = derivePostgresSchema(fs.readFileSync(SCHEMAS.sqlite.schema, "utf8"));
  } catch (e) {
    throw new SetupError(`prisma/schema.prisma: ${joinLines(e instanceof Error ? e.message : String(e))}`);
  }
  const actual = fs.existsSync(schema) ? fs.readFileSync(schema, "utf8") : undefined;
  if (actual === expected) return false;
  if (mode === "check") {
    throw new SetupError(
      `prisma/postgres/schema.prisma is ${actual === undefined ? "missing" : "stale"}: it is derived from prisma/schema.prisma — run \`npm run db:derive\` and commit the result (never edit it by hand).`,
    );
  }
  fs.mkdirSync(path.dirname(schema), { recursive: true });
  fs.writeFileSync(schema, expected);
  return true;
}

function isClientCurrent(provider: Provider): boolean {
  const { schema, output } = SCHEMAS[provider];
  const marker = path.join(output, "client.ts");
  try {
    return fs.statSync(marker).mtimeMs > fs.statSync(schema).mtimeMs;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Migrations

/**
 * Apply every pending migration to env.DATABASE_URL (`prisma migrate deploy`), after checking
 * the database can be reached. For SQLite, also switch the file to WAL (persistent), so the
 * portal, relay and IdP processes can read while one writes.
 */
export async function migrateDatabase(env: Env): Promise<void> {
  const provider = env.DATABASE_PROVIDER;
  if (provider === "sqlite") prepareSqlite(env);
  else await checkPostgres(env.DATABASE_URL);

  const result = await runPrisma(["migrate", "deploy", "--config", SCHEMAS[provider].config], {
    DATABASE_URL: env.DATABASE_URL,
  });
  if (result.code !== 0) {
    throw new SetupError(
      `DATABASE_URL: applying migrations to ${describeDatabase(env)} failed: ${redact(summarize(result.output), env.DATABASE_URL)}`,
    );
  }

  if (provider === "sqlite") enableWal(env);
}

function sqlitePath(env: Env): string {
  return env.SQLITE_PATH ?? path.resolve(env.DATABASE_URL.slice("file:".length));
}

function prepareSqlite(env: Env): void {
  const file = sqlitePath(env);
  const dir = path.dirname(file);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new SetupError(`DATABASE_URL: ${dir} is not a directory — fix the SQLite path`);
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new SetupError(`DATABASE_URL: cannot create the directory ${dir} for the SQLite database (${errorCode(e)})`);
  }
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
    throw new SetupError(`DATABASE_URL: ${file} exists but is not a file — fix the SQLite path`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new SetupError(`DATABASE_URL: the directory ${dir} is not writable — the SQLite database cannot be created there`);
  }
}

function enableWal(env: Env): void {
  const file = sqlitePath(env);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: 10_000 });
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (String(mode).toLowerCase() !== "wal") throw new Error(`journal_mode is ${String(mode)}`);
  } catch (e) {
    throw new SetupError(`DATABASE_URL: cannot switch ${file} to WAL mode (${joinLines(e instanceof Error ? e.message : String(e))})`);
  } finally {
    db?.close();
  }
}

/** Connect once with `pg` so an unreachable or missing database gets a precise message. */
async function checkPostgres(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SetupError("DATABASE_URL: is not a valid postgresql:// URL");
  }
  const server = `${parsed.hostname || "localhost"}:${parsed.port || 5432}`;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || decodeURIComponent(parsed.username);
  const user = decodeURIComponent(parsed.username) || process.env.PGUSER || "(default user)";
  parsed.searchParams.delete("schema"); // Prisma's parameter, unknown to libpq/pg

  const client = new pg.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    const code = errorCode(e);
    const detail = redact(joinLines(e instanceof Error ? e.message : String(e)), url);
    switch (code) {
      case "ECONNREFUSED":
        throw new SetupError(`DATABASE_URL: cannot reach PostgreSQL at ${server} (connection refused) — is the server running?`);
      case "ENOTFOUND":
      case "EAI_AGAIN":
        throw new SetupError(`DATABASE_URL: cannot resolve the host "${parsed.hostname}" — fix the host name`);
      case "ETIMEDOUT":
      case "EHOSTUNREACH":
      case "ENETUNREACH":
        throw new SetupError(`DATABASE_URL: cannot reach PostgreSQL at ${server} (${code}) — check the host, port and firewall`);
      case "3D000":
        throw new SetupError(`DATABASE_URL: database "${database}" does not exist on ${server} — create it or fix the URL`);
      case "28P01":
        throw new SetupError(`DATABASE_URL: authentication failed for user "${user}" on ${server} — check the user name and password`);
      case "28000":
        throw new SetupError(`DATABASE_URL: the server at ${server} refused user "${user}" (${detail})`);
      default:
        if (/timeout/i.test(detail))
          throw new SetupError(`DATABASE_URL: cannot reach PostgreSQL at ${server} (timed out) — check the host, port and firewall`);
        throw new SetupError(`DATABASE_URL: cannot connect to PostgreSQL at ${server} (${detail})`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

function describeDatabase(env: Env): string {
  if (env.DATABASE_PROVIDER === "sqlite") return `SQLite ${sqlitePath(env)}`;
  try {
    const u = new URL(env.DATABASE_URL);
    return `PostgreSQL database "${decodeURIComponent(u.pathname.slice(1))}" on ${u.hostname}:${u.port || 5432}`;
  } catch {
    return "PostgreSQL";
  }
}

// ---------------------------------------------------------------------------------------------
// Running the Prisma CLI

interface CliResult {
  code: number;
  output: string;
}

/** Run the Prisma CLI with node directly (npx adds seconds), from the repository root. */
function runPrisma(args: string[], extraEnv: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...extraEnv,
        CHECKPOINT_DISABLE: "1", // no update check (offline machines)
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        NO_COLOR: "1",
        FORCE_COLOR: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (e) => resolve({ code: -1, output: `${output}\n${e.message}` }));
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

const NOISE = [
  /^Loaded Prisma config/,
  /^Prisma schema loaded/,
  /^Datasource "/,
  /^Environment variables loaded/,
  /^\d+ migrations? found in/,
  /^prisma:warn/,
];

/** The last relevant lines of CLI output, as one line. */
function summarize(output: string): string {
  const lines = stripAnsi(output)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !NOISE.some((re) => re.test(l)) && !/^at\s/.test(l));
  const relevant = lines.slice(-4).join(" | ");
  return relevant.length > 600 ? `…${relevant.slice(-600)}` : relevant || "no output";
}

function stripAnsi(text: string): string {
   
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

/** Remove the URL's password (and the URL itself) from a message. */
function redact(text: string, url: string): string {
  let out = text.split(url).join("<DATABASE_URL>");
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) out = out.split(password).join("***").split(encodeURIComponent(password)).join("***");
  } catch {
    // not a URL: nothing else to hide
  }
  return out;
}

function errorCode(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "unknown error";
}
