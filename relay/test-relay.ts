// For tests only: a real relay in-process (where testbed.ts runs it as its own process) against
// a migrated temp SQLite database, with a self-signed certificate for "localhost" and the
// testbed's workspace, verified domain and accounts.
import fs from "node:fs";
import pino from "pino";
import { createDb, type Db } from "../lib/db";
import type { Env } from "../lib/env";
import { migrateDatabase } from "../lib/setup/database";
import { createRelayStore } from "./create-relay-store";
import { createRelay, type Relay } from "./server";
import { createTestAccount, createTestbed, seedWorkspace } from "./testbed";

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

export { freePort } from "./testbed";

export async function startTestRelay(envOverrides: Record<string, string> = {}): Promise<TestRelay> {
  const bed = await createTestbed({
    AUTH_MAX_FAILURES: "3",
    AUTH_FAILURE_WINDOW: "600",
    AUTH_LOCKOUT: "600",
    AUTH_IP_MAX_FAILURES: "1000",
    LOG_LEVEL: "silent",
    ...envOverrides,
  });
  const { dir, env } = bed;
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
    certPem: bed.certPem,
    certFile: env.RELAY_TLS_CERT,
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
