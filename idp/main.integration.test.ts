// idp/main.ts as the start script runs it: a child process under tsx, talking through its
// output lines and exit codes.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, tempDataDir } from "./test-support";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const TSX = path.resolve(path.dirname(MAIN), "../node_modules/.bin/tsx");
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function baseEnv(port: number): NodeJS.ProcessEnv {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  // Only what the IdP needs, not the test runner's environment (which may carry OIDC_ISSUER etc.).
  return {
    NODE_ENV: "test",
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    IDP_PORT: String(port),
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    CREDENTIALS_KEYS: `k1:${crypto.randomBytes(32).toString("base64")}`,
    VERIFIER_KEY: crypto.randomBytes(32).toString("base64"),
    DEMO_OIDC_CLIENT_SECRET: crypto.randomBytes(24).toString("base64url"),
    IDP_COOKIE_KEYS: crypto.randomBytes(24).toString("base64url"),
  };
}

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs main.ts; `whenReady` is called once the ready line appears (e.g. to send a signal). */
function run(env: NodeJS.ProcessEnv, whenReady?: (pid: number, stdout: string) => void | Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let ready = false;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (!ready && stdout.includes("idp listening on")) {
        ready = true;
        Promise.resolve(whenReady?.(child.pid!, stdout)).catch(reject);
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("idp/main.ts", () => {
  it("prints the ready line, serves discovery, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    let issuer: unknown;
    const result = await run(baseEnv(port), async (pid) => {
      const res = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
      issuer = ((await res.json()) as { issuer: string }).issuer;
      process.kill(pid, "SIGTERM");
    });
    expect(result.stdout.split("\n")).toContain(`idp listening on http://localhost:${port}`);
    expect(issuer).toBe(`http://localhost:${port}`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 30_000);

  it("exits 0 on SIGINT too", async () => {
    const port = await freePort();
    const result = await run(baseEnv(port), (pid) => {
      process.kill(pid, "SIGINT");
    });
    expect(result.code).toBe(0);
  }, 30_000);

  it("gives one line and exit 1 when the port is taken", async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", r));
    try {
      const result = await run(baseEnv(port));
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`IDP_PORT ${port} is already in use — set IDP_PORT to a free port\n`);
    } finally {
      blocker.close();
    }
  }, 30_000);

  it("gives the configuration error as one line and exit 1", async () => {
    const env = baseEnv(await freePort());
    delete env.IDP_COOKIE_KEYS;
    const result = await run(env);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^Configuration error: IDP_COOKIE_KEYS /);
  }, 30_000);
});
