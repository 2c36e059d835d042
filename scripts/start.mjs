#!/usr/bin/env node
// `npm start`: plain JavaScript because nothing may be installed yet. Installs dependencies if
// they are missing or older than the lock file, then hands over to scripts/stack.ts (through
// tsx), which prepares and runs portal, relay and IdP.
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

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureDependencies();
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "stack.ts"), ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  // The terminal's Ctrl-C reaches the whole process group; SIGTERM sent to us alone is passed on.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
