// `npm run smtp:check` as a user runs it: a child process with settings in its environment,
// against the real relay started in-process.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRelay, type TestAccount, type TestRelay } from "../relay/test-relay";

import { ROOT } from "../lib/root";
let r: TestRelay;
let account: TestAccount;

beforeAll(async () => {
  r = await startTestRelay();
  account = await r.createAccount();
}, 120_000);

afterAll(async () => {
  await r?.close();
});

function run(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // Only what the check needs: nothing from this process's environment leaks in.
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/smtp-check.ts", ...args], {
      cwd: ROOT,
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, out }));
  });
}

const settings = () => ({
  SMTP_HOST: "localhost",
  SMTP_PORT: String(r.ports.starttls),
  SMTP_USERNAME: account.username,
  SMTP_PASSWORD: account.password,
  SMTP_CA_FILE: r.certFile,
  SMTP_FROM: account.fromAddress!,
  SMTP_TIMEOUT_MS: "5000",
});

describe("npm run smtp:check", () => {
  it("exits 0 with the right password and prints the staged transcript", async () => {
    const { code, out } = await run(settings());
    expect(out).toContain("Connection OK");
    expect(out).toMatch(/\[ ok \] auth/);
    expect(out).toMatch(/\[ ok \] mail_from/);
    expect(out).not.toContain(account.password);
    expect(code).toBe(0);
  });

  it("SMTP_SECURE=true uses TLS from the first byte", async () => {
    const { code, out } = await run({ ...settings(), SMTP_PORT: String(r.ports.tls), SMTP_SECURE: "true" });
    expect(out).toContain("(SSL/TLS)");
    expect(code).toBe(0);
  });

  it("exits 1 with a wrong password and explains the 535", async () => {
    const wrong = `${account.password}x`;
    const { code, out } = await run({ ...settings(), SMTP_PASSWORD: wrong });
    expect(out).toContain("535");
    expect(out).toContain("the password is wrong or has been reset — reveal the current one in the portal");
    expect(out).not.toContain(wrong);
    expect(out).not.toContain(Buffer.from(wrong).toString("base64"));
    expect(code).toBe(1);
  });

  it("exits 2 naming the bad variable, without echoing the password", async () => {
    const { code, out } = await run({ ...settings(), SMTP_PORT: "not-a-port" });
    expect(out).toMatch(/^Configuration error: SMTP_PORT /m);
    expect(out).not.toContain(account.password);
    expect(code).toBe(2);
    const missing = await run({ ...settings(), SMTP_PASSWORD: "" });
    expect(missing.out).toContain("Configuration error: SMTP_PASSWORD must be set (it is not set).");
    expect(missing.code).toBe(2);
  });

  it("refuses settings given as arguments", async () => {
    const { code, out } = await run(settings(), ["--password", "hunter2"]);
    expect(out).toContain("Settings come from the environment only");
    expect(code).toBe(2);
  });
});
