// A relay test bed for process-level tests and the benchmark: a temp data dir with a
// self-signed certificate, a migrated SQLite database with one workspace, domain and accounts,
// and the relay run as its own process (its bundle, `node .relay-build/…/main.mjs`, as
// `npm start` runs it: one process, so its pid is the relay's own for kill -9 and RSS).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { storedPassword } from "../lib/credentials/stored-password";
import { generatePassword, generateUsername } from "../lib/credentials/generate";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { type DatabaseKind, scratchPostgresDatabase } from "../lib/testing/test-database";
import { parseEnv, type Env, withoutSettings } from "../lib/env";
import { findFreePort } from "../lib/testing/free-port";
import { createTestCertificate, createTestEnv } from "../lib/testing/test-env";

import { ROOT } from "../lib/root";
import { bundleRelay, RELAY_NODE_FLAGS, RELAY_PROCESS_ENV } from "./bundle";

/** A free loopback port (the harness's helper). */
export const freePort = () => findFreePort();

export type Testbed = { dir: string; vars: Record<string, string>; env: Env; certPem: string; keyPem: string };

/** A temp dir, certificate and the relay's environment (free ports, quiet logs, no reverse DNS). */
export async function createTestbed(overrides: Record<string, string> = {}): Promise<Testbed> {
  const { dir, vars: base } = createTestEnv({}, "migosmtp-relay-");
  const cert = await createTestCertificate(dir);
  const vars: Record<string, string> = {
    ...base,
    DATABASE_URL: `file:${path.join(dir, "relay.db")}`,
    RELAY_HOST: "127.0.0.1",
    RELAY_TLS_CERT: cert.certFile,
    RELAY_TLS_KEY: cert.keyFile,
    RELAY_PORT: String(await findFreePort()),
    RELAY_TLS_PORT: String(await findFreePort()),
    RELAY_METRICS_PORT: "0",
    RELAY_SOCKET_TIMEOUT_MS: "10000",
    SMTP_PUBLIC_HOST: "localhost",
    LOG_LEVEL: "warn",
    ...overrides,
  };
  return { dir, vars, env: parseEnv(vars), certPem: cert.certPem, keyPem: cert.keyPem };
}

/** A testbed on a fresh, migrated database of `kind` (PostgreSQL: a new database on TEST_DATABASE_URL's server). */
export async function createTestbedOn(kind: DatabaseKind, overrides: Record<string, string> = {}): Promise<{ bed: Testbed; db: Db; drop(): Promise<void> }> {
  const postgres = kind === "PostgreSQL" ? await scratchPostgresDatabase() : undefined;
  const sqliteBed = await createTestbed(overrides);
  const bed: Testbed = postgres ? { ...sqliteBed, vars: { ...sqliteBed.vars, DATABASE_URL: postgres.url }, env: parseEnv({ ...sqliteBed.vars, DATABASE_URL: postgres.url }) } : sqliteBed;
  await migrateDatabase(bed.env);
  const db = createDb(bed.env.DATABASE_URL);
  return {
    bed,
    db,
    async drop() {
      await db.$disconnect();
      await postgres?.drop();
      fs.rmSync(bed.dir, { recursive: true, force: true });
    },
  };
}

export type Creds = { id: string; username: string; password: string };

/** A workspace with a verified acme.test and generous default send limits. */
export async function seedWorkspace(db: Db, limits: { minute?: number; hour?: number; day?: number } = {}) {
  const ws = await db.workspace.create({
    data: {
      slug: `ws-${randomBytes(3).toString("hex")}`,
      name: "Acme",
      sendLimitPerMinute: limits.minute ?? 1_000_000_000,
      sendLimitPerHour: limits.hour ?? 1_000_000_000,
      sendLimitPerDay: limits.day ?? 1_000_000_000,
    },
  });
  const domain = await db.domain.create({ data: { workspaceId: ws.id, name: "acme.test", status: "verified", verificationToken: "t", verifiedAt: new Date() } });
  return { workspaceId: ws.id, domainId: domain.id };
}

export async function createTestAccount(
  db: Db,
  env: Pick<Env, "CREDENTIALS_KEYS" | "VERIFIER_KEY">,
  where: { workspaceId: string; domainId: string },
  over: { sendLimitPerMinute?: number | null; fromAddress?: string | null; status?: string } = {},
): Promise<Creds> {
  const id = `acc_${randomBytes(6).toString("hex")}`;
  const password = generatePassword();
  const username = generateUsername();
  await db.smtpAccount.create({
    data: {
      id,
      workspaceId: where.workspaceId,
      label: "test",
      username,
      domainId: where.domainId,
      fromAddress: over.fromAddress ?? null,
      sendLimitPerMinute: over.sendLimitPerMinute ?? null,
      status: over.status ?? "active",
      ...storedPassword(password, id, env),
    },
  });
  return { id, username, password };
}

/** A password reset as lib/smtp-accounts/reset-password.ts writes it (without the audit row). */
export function resetData(env: Pick<Env, "CREDENTIALS_KEYS" | "VERIFIER_KEY">, accountId: string) {
  const password = generatePassword();
  return {
    password,
    data: {
      ...storedPassword(password, accountId, env),
      passwordVersion: { increment: 1 },
      passwordChangedAt: new Date(),
    },
  };
}

export type RelayProcess = { child: ChildProcess; pid: number; output: () => string; stop(signal?: NodeJS.Signals): Promise<number | null> };

/** Starts the relay (bundled; a checkout without relay/bundle.ts through tsx) in its own process and waits for its "listening" line. */
export async function spawnRelay(
  vars: Record<string, string>,
  timeoutMs = 30_000,
  // RELAY_ROOT (or `root`) runs the relay of another checkout (the benchmark's before/after comparisons).
  root = process.env.RELAY_ROOT ?? ROOT,
): Promise<RelayProcess> {
  // RELAY_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") reaches only the relay process.
  const nodeArgs = (process.env.RELAY_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const bundled = fs.existsSync(path.join(root, "relay", "bundle.ts"));
  const entry = bundled ? [bundleRelay(root)] : ["--import", "tsx", path.join(root, "relay", "main.ts")];
  // Every relay starts as its own checkout's stack starts it (stack/processes.ts): this one's
  // flags, or another checkout's (the benchmark's "before"), read from its relay/bundle.ts.
  const launch = root === ROOT ? { RELAY_NODE_FLAGS, RELAY_PROCESS_ENV } : bundled ? await launchSettingsOf(root) : {};
  const child = spawn(process.execPath, [...(launch.RELAY_NODE_FLAGS ?? []), ...nodeArgs, ...entry], {
    cwd: root,
    env: { ...withoutSettings(process.env), ...launch.RELAY_PROCESS_ENV, ...vars },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-100_000);
      if (out.includes("MigoSMTP relay listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (out = (out + chunk.toString()).slice(-100_000)));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}:\n${out}`));
    });
  });
  return {
    child,
    pid: child.pid!,
    output: () => out,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

type LaunchSettings = Partial<Pick<typeof import("./bundle"), "RELAY_NODE_FLAGS" | "RELAY_PROCESS_ENV">>;

/** The launch flags another checkout's relay/bundle.ts sets, if it sets any (older checkouts had none). */
async function launchSettingsOf(root: string): Promise<LaunchSettings> {
  const settings = (await import(path.join(root, "relay", "bundle.ts"))) as LaunchSettings;
  return { RELAY_NODE_FLAGS: settings.RELAY_NODE_FLAGS, RELAY_PROCESS_ENV: settings.RELAY_PROCESS_ENV };
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}
