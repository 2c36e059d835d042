// For tests only: a real relay in-process (where testbed.ts runs it as its own process) against
// a migrated temp SQLite database, with a self-signed certificate for "localhost" and the
// testbed's workspace, verified domain and accounts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createDb, type Db } from "../lib/db";
import type { Env } from "../lib/env";
import { migrateDatabase } from "../lib/setup/database";
import { findFreePort } from "../lib/testing/free-port";
import { createTestCertificate, createTestEnv } from "../lib/testing/test-env";
import { createRelayStore } from "./create-relay-store";
import { createRelay, type Relay } from "./server";
import { createTestAccount, seedWorkspace } from "./testbed";

export type TestAccount = { id: string; username: string; password: string; fromAddress: string | null };

export type TestRelay = {
  dir: string;
  env: Env;
  db: Db;
  relay: Relay;
  certPem: string;
  certFile: string;
  ports: { starttls: number; tls: number };
  workspaceId: string;
  domainName: string;
  createAccount(over?: { fromAddress?: string | null; status?: string; workspaceId?: string }): Promise<TestAccount>;
  close(): Promise<void>;
};

export const freePort = () => findFreePort();

export async function startTestRelay(envOverrides: Record<string, string> = {}): Promise<TestRelay> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-check-"));
  const cert = await createTestCertificate(dir);
  const { env } = createTestEnv({
    DATA_DIR: dir,
    RELAY_TLS_CERT: cert.certFile,
    RELAY_TLS_KEY: cert.keyFile,
    RELAY_PORT: String(await findFreePort()),
    RELAY_TLS_PORT: String(await findFreePort()),
    RELAY_SOCKET_TIMEOUT_MS: "10000",
    AUTH_MAX_FAILURES: "3",
    AUTH_FAILURE_WINDOW: "600",
    AUTH_LOCKOUT: "600",
    AUTH_IP_MAX_FAILURES: "1000",
    SMTP_PUBLIC_HOST: "localhost",
    LOG_LEVEL: "silent",
    ...envOverrides,
  });
  await migrateDatabase(env);
  const db = createDb(env.DATABASE_URL);
  const { workspaceId, domainId } = await seedWorkspace(db, { minute: 120, hour: 3000, day: 20000 });
  const domainName = "acme.test";
  const store = await createRelayStore(env, db);
  const relay = createRelay({ env, db, store, logger: pino({ level: "silent" }), shutdownGraceMs: 1000 });
  await relay.listen();

  return {
    dir,
    env,
    db,
    relay,
    certPem: cert.certPem,
    certFile: cert.certFile,
    ports: relay.ports(),
    workspaceId,
    domainName,
    async createAccount(over = {}) {
      const fromAddress = over.fromAddress === undefined ? `app@${domainName}` : over.fromAddress;
      const creds = await createTestAccount(db, env, { workspaceId: over.workspaceId ?? workspaceId, domainId }, { fromAddress, status: over.status });
      return { ...creds, fromAddress };
    },
    async close() {
      await relay.close();
      await store.close();
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
