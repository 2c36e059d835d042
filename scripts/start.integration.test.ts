// `npm start`'s failure modes: each bad configuration is one clear line and a non-zero exit.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withoutSettings } from "../lib/env";
import { findFreePort } from "../lib/testing/free-port";

const root = path.resolve(import.meta.dirname, "..");

async function runStart(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-start-"));
  // Free ports for every listener, so a default port held elsewhere (3000, 2587, 9465…) cannot
  // turn the failure under test into a different one; the caller's settings do not leak in.
  const ports: Record<string, string> = {};
  for (const name of ["PORT", "IDP_PORT", "RELAY_PORT", "RELAY_TLS_PORT", "RELAY_METRICS_PORT"]) ports[name] = String(await findFreePort());
  return new Promise((resolve) => {
    const child = spawn("node", ["scripts/start.mjs"], {
      cwd: root,
      env: { ...withoutSettings(process.env), ...ports, DATA_DIR: dataDir, DATABASE_URL: `file:${dataDir}/db.sqlite`, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function errorLines(stderr: string): string[] {
  return stderr
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

describe("npm start refuses a bad configuration with one clear line", () => {
  it("names DATABASE_URL when it is not a database URL", async () => {
    const r = await runStart({ DATABASE_URL: "mysql://localhost/x" });
    expect(r.code).not.toBe(0);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: DATABASE_URL must be file:<path> \(SQLite\) or postgresql:/);
  });

  it("names DATABASE_URL when PostgreSQL cannot be reached", async () => {
    const closed = await findFreePort();
    const r = await runStart({ DATABASE_URL: `postgresql://root@127.0.0.1:${closed}/test` });
    expect(r.code).not.toBe(0);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("DATABASE_URL");
    expect(lines[0]).toContain(String(closed));
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("names the port variable when a port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: "127.0.0.1", port: 0 }, resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await runStart({ PORT: String(taken) });
      expect(r.code).not.toBe(0);
      const lines = errorLines(r.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(`PORT ${taken} is already in use on 127.0.0.1 — stop what uses it or set PORT to a free port.`);
    } finally {
      blocker.close();
    }
  });

  it("names RELAY_TLS_CERT when the certificate file is missing", async () => {
    const r = await runStart({ RELAY_TLS_CERT: "/nonexistent/relay.crt", RELAY_TLS_KEY: "/nonexistent/relay.key" });
    expect(r.code).not.toBe(0);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe('Configuration error: RELAY_TLS_CERT names a file that does not exist (got "/nonexistent/relay.crt").');
  });

  it("refuses to bind beyond loopback in demo mode", async () => {
    const r = await runStart({ RELAY_HOST: "0.0.0.0" });
    expect(r.code).not.toBe(0);
    expect(errorLines(r.stderr)[0]).toMatch(/^Configuration error: RELAY_HOST binds beyond loopback/);
  });
});
