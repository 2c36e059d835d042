// For tests: a temporary data directory with a complete configuration (fresh random secrets,
// a SQLite file inside it), and a self-signed certificate for "localhost".
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generate } from "selfsigned";
import { type Env, parseEnv } from "../env";

export type TestEnv = { dir: string; vars: Record<string, string>; env: Env };

/** A fresh temporary directory, unless `overrides.DATA_DIR` names one already made. */
export function createTestEnv(overrides: Record<string, string> = {}, prefix = "migosmtp-test-"): TestEnv {
  const dir = overrides.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const vars: Record<string, string> = {
    NODE_ENV: "test",
    DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "test.db")}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    CREDENTIALS_KEYS: `k1:${randomBytes(32).toString("base64")}`,
    VERIFIER_KEY: randomBytes(32).toString("base64"),
    DEMO_OIDC_CLIENT_SECRET: "test-secret",
    IDP_COOKIE_KEYS: "test-cookie-key",
    ...overrides,
  };
  return { dir, vars, env: parseEnv(vars) };
}

export type TestCertificate = { certPem: string; keyPem: string; certFile: string; keyFile: string };

/** A self-signed certificate for localhost and 127.0.0.1, written into `dir`. */
export async function createTestCertificate(dir: string): Promise<TestCertificate> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
    ],
  });
  const certFile = path.join(dir, "relay.crt");
  const keyFile = path.join(dir, "relay.key");
  fs.writeFileSync(certFile, pems.cert);
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  return { certPem: pems.cert, keyPem: pems.private, certFile, keyFile };
}
