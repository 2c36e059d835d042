// For tests only: a real relay in-process against a migrated temp SQLite database, with a
// self-signed certificate for "localhost" and a seeded workspace, verified domain and accounts
// (the same set-up as relay/relay.integration.test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pino from "pino";
import { createRelayStore } from "../../relay/relay-store";
import { createRelay, type Relay } from "../../relay/server";
import { encryptSecret } from "../credentials/encryption";
import { generatePassword, generateUsername } from "../credentials/generate";
import { computeVerifier } from "../credentials/verifier";
import { createDb, type Db } from "../db";
import type { Env } from "../env";
import { findFreePort } from "../stack/ports";
import { createTestCertificate, createTestEnv } from "../testing/test-env";
import { migrateDatabase } from "../setup/database";

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
  const ws = await db.workspace.create({ data: { slug: `ws-${randomBytes(3).toString("hex")}`, name: "Acme" } });
  const domainName = "acme.test";
  const domain = await db.domain.create({
    data: { workspaceId: ws.id, name: domainName, status: "verified", verificationToken: "t", verifiedAt: new Date() },
  });
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
    workspaceId: ws.id,
    domainName,
    async createAccount(over = {}) {
      const id = `acct_${randomBytes(8).toString("hex")}`;
      const password = generatePassword();
      const username = generateUsername();
      const fromAddress = over.fromAddress === undefined ? `app@${domainName}` : over.fromAddress;
      await db.smtpAccount.create({
        data: {
          id,
          workspaceId: over.workspaceId ?? ws.id,
          label: "check test",
          username,
          domainId: domain.id,
          fromAddress,
          status: over.status ?? "active",
          passwordCiphertext: encryptSecret(password, id, env.CREDENTIALS_KEYS),
          passwordVerifier: computeVerifier(password, Buffer.from(env.VERIFIER_KEY, "base64")),
        },
      });
      return { id, username, password, fromAddress };
    },
    async close() {
      await relay.close();
      await store.close();
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
