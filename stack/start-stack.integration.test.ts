// The whole stack as `npm start` runs it: health, and the relay accepting a seeded
// account's current password after STARTTLS (and nothing else).
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptStoredPassword } from "../lib/credentials/stored-password";
import { createDb, type Db } from "../lib/db";
import { ROOT } from "../lib/root";
import { type Stack, startStack } from "./start-stack";

let stack: Stack;
let db: Db;

beforeAll(async () => {
  stack = await startStack();
  db = createDb(stack.env.DATABASE_URL);
});

afterAll(async () => {
  await db?.$disconnect();
  await stack?.stop();
});

function transport(port: number, secure: boolean, user: string, pass: string) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure,
    requireTLS: !secure,
    auth: { user, pass },
    tls: { ca: [fs.readFileSync(stack.env.RELAY_TLS_CERT)], servername: stack.env.SMTP_PUBLIC_HOST },
    connectionTimeout: 10_000,
  });
}

async function seededAccount() {
  const account = await db.smtpAccount.findFirstOrThrow({ where: { workspace: { slug: "acme" }, label: "Transactional mail" } });
  return { username: account.username, password: decryptStoredPassword(account, stack.env) };
}

describe("the stack started by the harness", () => {
  it("reports healthy database and relay", async () => {
    const res = await fetch(`http://127.0.0.1:${stack.env.PORT}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok", relay: "ok" });
  });

  it("warmed every route of the build before it answered, rendering each workspace page for a workspace that does not exist: no failure or warning, no session left behind", async () => {
    const portal = stack.logs().split("\n").filter((line) => line.startsWith("[portal:"));
    const manifest = Object.values(JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "app-path-routes-manifest.json"), "utf8"))) as string[];
    // Workspace pages with no other dynamic segment (an account's page, say, is not found for it).
    const workspacePages = manifest.filter((route) => /^\/w\/\[workspace\](\/[a-z-]+)*$/.test(route)).length;
    const [, warmed, rounds, rendered] = portal.map((line) => /portal warmed (\d+) routes (\d+)× \((\d+) rendered\)/.exec(line)).find(Boolean) ?? [];
    expect(Number(warmed)).toBeGreaterThan(manifest.length / 2);
    expect(Number(rounds)).toBe(5);
    expect(workspacePages).toBeGreaterThan(5);
    expect(Number(rendered)).toBeGreaterThanOrEqual(workspacePages);
    expect(portal.filter((line) => /warm-up|"level":"(warn|error|fatal)"/.test(line))).toEqual([]);
    expect(await db.session.count()).toBe(0);
  });

  it("shows the warm-up's page of made-up rows to nobody after start-up, even to a request that claims to be the warm-up", async () => {
    const cookie = "next-auth.session-token=not-a-session";
    // Signed out: to sign-in; with a cookie (the proxy lets it through to the page): not found.
    for (const [headers, status] of [[{}, 307], [{ cookie }, 404], [{ cookie, "x-migosmtp-warm-up": "guess" }, 404]] as const) {
      const res = await fetch(`${stack.env.PORTAL_URL}/warm-up`, { headers, redirect: "manual" });
      expect(res.status).toBe(status);
      expect(await res.text()).not.toContain("Warm-up account");
    }
  });

  it("seeds Acme with three accounts and Globex with one", async () => {
    expect(await db.smtpAccount.count({ where: { workspace: { slug: "acme" } } })).toBe(3);
    expect(await db.smtpAccount.count({ where: { workspace: { slug: "globex" } } })).toBe(1);
  });

  it("stores no password in clear", async () => {
    const { password } = await seededAccount();
    const file = fs.readFileSync(stack.env.SQLITE_PATH!);
    expect(file.includes(Buffer.from(password))).toBe(false);
  });

  it("the relay accepts a seeded account's password after STARTTLS", async () => {
    const { username, password } = await seededAccount();
    await expect(transport(stack.env.RELAY_PORT, false, username, password).verify()).resolves.toBe(true);
  });

  it("the relay refuses a wrong password with 535", async () => {
    const { username } = await seededAccount();
    await expect(transport(stack.env.RELAY_PORT, false, username, "wrong-password-0000000000000000").verify()).rejects.toMatchObject({
      code: "EAUTH",
      responseCode: 535,
    });
  });

  it("the relay accepts the same password on the implicit-TLS port", async () => {
    const { username, password } = await seededAccount();
    await expect(transport(stack.env.RELAY_TLS_PORT, true, username, password).verify()).resolves.toBe(true);
  });
});
