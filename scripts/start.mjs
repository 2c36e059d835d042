#!/usr/bin/env node
// `npm start`: plain JavaScript because nothing may be installed yet. Installs dependencies if
// they are missing or older than the lock file, generates the Prisma clients in a process of
// their own (everything after this imports lib/generated, which a fresh clone does not have),
// then hands over to scripts/stack.ts (through tsx), which prepares and runs portal, relay and IdP.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const marker = path.join(root, "node_modules", ".package-lock.json");
const lock = path.join(root, "package-lock.json");

export function ensureDependencies() {
  const installed = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (installed) return;
  console.log("Installing dependencies (npm ci)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed: see the output above (is the npm registry reachable?).");
    process.exit(1);
  }
}

/** Generates lib/generated/* before any module that imports it is loaded. */
export function ensureClients() {
  const result = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "generate-clients.ts")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(1); // the script printed the one-line reason
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureDependencies();
  ensureClients();
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "stack.ts"), ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  // The terminal's Ctrl-C reaches the whole process group; SIGTERM sent to us alone is passed on,
  // once: a repeated signal can end the stack's own process before it has stopped the others.
  let forwarded = false;
  const forward = (signal) => {
    if (forwarded) return;
    forwarded = true;
    child.kill(signal);
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => forward(signal));
  // `kill <pid of npm>` (a service manager, a test) ends npm and its shell but signals nothing
  // further down: when our parent goes, we are re-parented, and stop the stack as for SIGTERM.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    forward("SIGTERM");
  }, 500);
  watch.unref();
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
