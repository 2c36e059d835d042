#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, for machines that cannot download it.
//
// The Prisma CLI runs the executable named by PRISMA_SCHEMA_ENGINE_BINARY (prisma.config.ts sets
// it to this file). This script speaks the native engine's protocol and delegates the real work
// to Prisma's own engine compiled to WebAssembly (@prisma/schema-engine-wasm, same commit as the
// CLI's), which reaches the database through driver adapters (better-sqlite3, pg).
// The defects of the Wasm engine and its adapters that are worked around are named where they
// are handled (engine-adapters.mjs, engine-cli-commands.mjs, engine-wasm.mjs).
//
// Protocol (what the CLI expects):
//   --version                          print "schema-engine-cli <commit>"
//   [--datamodels <path>]... [--datasource <json>] cli <command>
//                                      one-shot database commands (see engine-cli-commands.mjs)
//   [--datamodels <path>]... [--datasource <json>]
//                                      JSON-RPC 2.0 server, one JSON object per line on stdin/stdout
// Logs and errors go to stderr as JSON lines {timestamp, level, fields: {message, error_code}, target}.
import fs from "node:fs";
import readline from "node:readline";
import { factoryFor, providerOfUrl, redactUrl } from "./engine-adapters.mjs";
import { EngineCliError, runCliCommand } from "./engine-cli-commands.mjs";
import { engineCommit, lastPanicMessage, loadWasmEngine } from "./engine-wasm.mjs";

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--version" || a === "-V") args.version = true;
    else if (a === "--datamodels" || a === "-d") args.datamodels.push(argv[++i]);
    else if (a === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (a === "--enabled-preview-features" || a === "--extension-types") i++; // not used by the Wasm engine
    else if (a === "cli") args.cli = argv[++i];
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Logging (stderr, the native engine's JSON format)

const secrets = [];
function redact(text) {
  let out = String(text);
  for (const s of secrets) if (s) out = out.split(s).join(redactUrl(s));
  return out;
}

function log(level, message, extra = {}) {
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields: { message: redact(message), ...extra },
    target: "schema_engine::logger",
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** The Wasm engine's log callback receives JSON lines like the native engine's: add a timestamp. */
function forwardEngineLog(raw) {
  try {
    const entry = JSON.parse(raw);
    process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), ...entry })}\n`);
  } catch {
    log("INFO", raw);
  }
}

// ---------------------------------------------------------------------------------------------
// `--version` and `cli <command>`

async function runCli(args) {
  // The CLI skips the first stderr line of a `cli` run (the native engine's start-up line).
  log("INFO", `Starting schema engine CLI (wasm ${engineCommit})`);
  try {
    const out = await runCliCommand(args.cli, args.datasource);
    if (out) process.stdout.write(`${out}\n`);
    return 0;
  } catch (e) {
    const code = e instanceof EngineCliError ? e.code : undefined;
    log("ERROR", e?.message ?? String(e), code ? { error_code: code } : {});
    return 1;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC server

/** Turn whatever the Wasm engine threw into the native engine's RPC error object. */
function rpcError(e, factory) {
  if (e instanceof WebAssembly.RuntimeError || e?.name === "RuntimeError") {
    const message = lastPanicMessage() || e.message;
    // The CLI shows a panic's top-level `message`: put the panic text there too.
    return { code: 4466, message: redact(message), data: { is_panic: true, message: redact(message), backtrace: null } };
  }
  let message = e?.message ?? String(e);
  // Adapter (JavaScript) errors reach us as "External error id#N": look the original up.
  message = message.replace(/External error id#(\d+)/g, (whole, id) => {
    const entry = factory?.bound?.errorRegistry?.consumeError(Number(id));
    const err = entry?.error;
    return err ? `${whole}: ${err.message ?? err}` : whole;
  });
  let code = typeof e?.code === "string" && /^P\d{4}$/.test(e.code) ? e.code : undefined;
  let meta = e?.meta ?? {};
  // The Wasm engine appends a span trace ("   0: sql_schema_connector::…") to connector errors.
  // Keep it out of the message, but use it: a failed migration script is the native engine's
  // P3018, which the CLI explains (and `migrate resolve` refers to).
  const [head, trace = ""] = message.split(/\n\s+0: /, 2);
  const failed = /apply_migration::apply_script\s+with migration_name="([^"]+)"/.exec(trace);
  if (!code && failed) {
    code = "P3018";
    meta = { migration_name: failed[1], database_error: head };
    message = `A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${failed[1]}\n\nDatabase error:\n${head}`;
  } else if (trace) {
    message = head;
  }
  const data = { is_panic: false, message: redact(message), meta };
  if (code) data.error_code = code;
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

async function runServer(args) {
  const bg = await loadWasmEngine();
  const datamodels = args.datamodels.map((p) => [p, fs.readFileSync(p, "utf8")]);
  const datasource = args.datasource?.url ? args.datasource : { url: fallbackUrl(datamodels) };
  for (const u of [datasource.url, datasource.shadowDatabaseUrl]) if (u) secrets.push(u);

  const factory = factoryFor(datasource);
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  factory.bound = bindMigrationAwareSqlAdapterFactory(factory);
  const provider = providerOfUrl(datasource.url);
  const engine = await bg.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, forwardEngineLog, factory.bound);

  // The CLI ends stdin and kills the engine straight away (SIGTERM). Close SQLite connections
  // first so no empty "-journal" file is left next to the database.
  process.once("SIGTERM", () => {
    factory.closeSync?.();
    process.exit(0);
  });

  let nextOutgoingId = 1_000_000;
  const pendingOutgoing = new Map();
  const send = (msg) => process.stdout.write(`${JSON.stringify(msg)}\n`);
  /** Server → client request (only `print` exists); resolves with the client's answer. */
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = nextOutgoingId++;
      pendingOutgoing.set(id, resolve);
      send({ jsonrpc: "2.0", id, method, params });
    });

  let historyDiagnosed = false;
  async function call(method, params) {
    switch (method) {
      case "getDatabaseVersion":
        return engine.version(params ?? null);
      case "reset":
        if (provider === "sqlite") {
          await factory.resetDatabase(); // defect 3 (see engine-adapters.mjs)
          return {};
        }
        await engine.reset(params);
        return {};
      case "evaluateDataLoss":
      case "createMigration":
        // Defect 6: right after `migrate dev` applied pending migrations, the Wasm engine's
        // migration cache is cold and these two fail with "shadow DB must be provided through an
        // external factory". A diagnoseMigrationHistory that may use the shadow database warms
        // it, as the native engine's flow does.
        if (!historyDiagnosed) {
          historyDiagnosed = true;
          await engine.diagnoseMigrationHistory({
            migrationsList: params.migrationsList,
            optInToShadowDatabase: true,
            filters: params.filters ?? { externalTables: [], externalEnums: [] },
          });
        }
        return engine[method](params);
      case "diff": {
        // The native engine prints the diff through a `print` request before answering; the
        // Wasm engine returns it as `stdout` instead.
        const { stdout, ...rest } = await engine.diff(params);
        if (stdout) await request("print", { content: stdout.replace(/\n$/, "") });
        return rest;
      }
      case "getDatabaseDescription":
      case "debugPanic":
        if (method === "debugPanic") return engine.debugPanic();
        throw new Error(`${method} is not supported by the Wasm schema engine`);
      default:
        if (typeof engine[method] !== "function" || method === "free" || method === "constructor") throw new Error(`Unknown method: ${method}`);
        return engine[method](params);
    }
  }

  // Requests run one at a time, in order (the CLI sends one and waits anyway).
  let queue = Promise.resolve();
  let panicked = false;
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (msg.method === undefined && pendingOutgoing.has(msg.id)) {
      pendingOutgoing.get(msg.id)(msg.result);
      pendingOutgoing.delete(msg.id);
      return;
    }
    queue = queue.then(async () => {
      if (panicked) return;
      try {
        const result = await call(msg.method, msg.params);
        send({ jsonrpc: "2.0", id: msg.id, result: result ?? null });
      } catch (e) {
        const error = rpcError(e, factory);
        if (error.data.is_panic) panicked = true;
        log("ERROR", error.data.message, error.data.error_code ? { error_code: error.data.error_code } : {});
        send({ jsonrpc: "2.0", id: msg.id, error });
      }
    });
  });

  await new Promise((resolve) => rl.on("close", resolve));
  await queue;
  try {
    engine.free();
  } catch {
    // already freed or poisoned by a panic
  }
  await factory.close();
  return panicked ? 101 : 0;
}

/** Without a datasource URL (e.g. `migrate diff` between two schemas) use a scratch database. */
function fallbackUrl(datamodels) {
  const text = datamodels.map(([, t]) => t).join("\n");
  const provider = /provider\s*=\s*"(sqlite|postgresql|postgres)"/.exec(text.replace(/generator\s+\w+\s*\{[^}]*\}/g, ""))?.[1];
  if (provider && provider !== "sqlite") throw new Error("a PostgreSQL datasource url is required");
  return "file::memory:";
}

// ---------------------------------------------------------------------------------------------

const args = parseArgs(process.argv.slice(2));
let exitCode = 0;
if (args.version) {
  process.stdout.write(`schema-engine-cli ${engineCommit}\n`);
} else if (args.cli) {
  exitCode = await runCli(args);
} else {
  try {
    exitCode = await runServer(args);
  } catch (e) {
    log("ERROR", `Error starting the schema engine: ${e?.message ?? e}`, e?.code ? { error_code: e.code } : {});
    exitCode = 1;
  }
}
// Pools and Wasm timers must not keep the process alive once the CLI has closed stdin.
process.stdout.write("", () => process.exit(exitCode));
