// The README's first command on a brand-new clone, as a newcomer runs it: nothing generated,
// built or migrated, only dependencies installed. `npm start` must reach "ready", a person must
// be able to sign in from either loopback name, and SIGTERM must stop all three processes.
// (CI runs `npm test` alone, on a tree where the clients are already generated and the portal
// built; without this test a start-up crash stays hidden behind a green CI.)
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { withoutSettings } from "../lib/env";
import { findFreePort } from "../lib/testing/free-port";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures";

import { ROOT } from "../lib/root";

/** A clone of this repository with the working tree's changes laid over it, and node_modules hard-linked. */
function freshClone(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-fresh-"));
  const clone = path.join(dir, "clone");
  run("git", ["clone", "-q", ROOT, clone]);
  // Uncommitted work is what is being tested: copy tracked and untracked (not ignored) files.
  const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT).split("\0").filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    const to = path.join(clone, file);
    if (!fs.existsSync(from)) {
      fs.rmSync(to, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  // Hard links, never a symlink: an install inside the clone must not touch the real tree.
  run("cp", ["-al", path.join(ROOT, "node_modules"), path.join(clone, "node_modules")]);
  // A checkout's lock file is newer than the install; the install is this tree's, so say so
  // (this test is about what happens after `npm ci`, not about the registry).
  fs.utimesSync(path.join(clone, "package-lock.json"), new Date(0), new Date(0));
  for (const generated of ["lib/generated", ".next", "data"]) expect(fs.existsSync(path.join(clone, generated)), `${generated} in the fresh clone`).toBe(false);
  return clone;
}

function run(command: string, args: string[], cwd?: string): string {
  const r = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** Processes whose working directory is inside `dir`, with their command lines. */
function processesIn(dir: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if (cwd !== dir && !cwd.startsWith(`${dir}/`)) continue;
      found.push({ pid: Number(entry), command: fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim() });
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

function waitForLine(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`)), timeoutMs);
    const poll = setInterval(() => {
      if (pattern.test(output())) done(resolve);
    }, 200);
    const onExit = (code: number | null) => done(() => reject(new Error(`npm start exited (${code}) before ${pattern}:\n${output().slice(-3000)}`)));
    const done = (then: () => void) => {
      clearTimeout(timer);
      clearInterval(poll);
      child.off("exit", onExit);
      then();
    };
    child.once("exit", onExit);
  });
}

test("npm start on a brand-new clone reaches ready, signs a person in from either host, and stops cleanly", async ({ browser }) => {
  test.setTimeout(420_000);
  const clone = freshClone();
  const port = await findFreePort();
  const ports: Record<string, string> = { PORT: String(port) };
  for (const name of ["IDP_PORT", "RELAY_PORT", "RELAY_TLS_PORT", "RELAY_METRICS_PORT"]) ports[name] = String(await findFreePort());

  let output = "";
  const child = spawn("npm", ["start"], { cwd: clone, env: { ...withoutSettings(process.env), ...ports }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  try {
    // The last line of the start-up banner, so every line before it has been printed.
    await waitForLine(child, () => output, /Press Ctrl-C to stop/, 360_000);
    const portal = `http://localhost:${port}`;
    // One address only: the canonical one (Next.js's own "Local:" banner would name another host).
    expect(output).toContain(`Portal:  ${portal}`);
    expect(output).not.toMatch(/Local:\s+http/);
    const health = await (await fetch(`${portal}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: "ok", relay: "ok" });

    for (const start of [portal, `http://127.0.0.1:${port}`]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${start}/`);
      await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
      await page.getByLabel("Email").fill("admin@acme.test");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page, `signed in starting from ${start}`).toHaveURL(new RegExp(`^${portal}/w/acme/`));
      await expect(page.getByRole("heading", { name: "SMTP Accounts" })).toBeVisible();
      await context.close();
    }

    const running = processesIn(clone).map((p) => p.command);
    for (const part of [/relay\/main\.ts|\.relay-build\/[^ ]*\/main\.m?js/, /idp\/main\.ts/, /--always-sparkplug [^ ]*\.portal-build\/[^ ]*\/portal-server\.mjs/]) expect(running.some((c) => part.test(c)), `${part} running: ${running.join(" | ")}`).toBe(true);
  } finally {
    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000))]);
    let left = processesIn(clone);
    for (let i = 0; i < 50 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 200));
      left = processesIn(clone);
    }
    for (const p of left) process.kill(p.pid, "SIGKILL");
    fs.rmSync(path.dirname(clone), { recursive: true, force: true });
    expect(left.map((p) => p.command), "processes left after SIGTERM").toEqual([]);
    expect(code, "npm start stopped after SIGTERM").not.toBe("timeout");
  }
});
