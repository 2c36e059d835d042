#!/usr/bin/env node
// `npm test`: everything, from a fresh clone. Installs dependencies if needed, then: the
// derived-schema check, then Prisma clients, type check, lint (ESLint with the layer zones, and
// jscpd), portal build, unit and integration tests (vitest; PostgreSQL too when
// TEST_DATABASE_URL is set), and Playwright in Chromium against the production build. Prints a closing "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureDependencies } from "./start.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.NODE_ENV; // next build and vitest each choose their own

function step(title, command, args) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal}) after ${seconds} s.`);
    summarize();
    process.exit(1);
  }
  console.log(`--- ${title}: ok (${seconds} s)`);
}

function summarize() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const vitest = path.join(root, ".test-reports", "vitest-results.json");
  if (fs.existsSync(vitest)) {
    const r = JSON.parse(fs.readFileSync(vitest, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
  const e2e = path.join(root, ".test-reports", "e2e-results.json");
  if (fs.existsSync(e2e)) {
    const s = JSON.parse(fs.readFileSync(e2e, "utf8")).stats ?? {};
    passed += s.expected ?? 0;
    failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
    skipped += s.skipped ?? 0;
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
}

ensureDependencies();
// Playwright empties test-results/ when it starts, so the runners' JSON reports live apart.
fs.rmSync(path.join(root, ".test-reports"), { recursive: true, force: true });
fs.mkdirSync(path.join(root, ".test-reports"), { recursive: true });

// The check comes first: nothing before it may rewrite what it checks.
step("Derived PostgreSQL schema is current", "node", ["scripts/prisma/derive-postgres-schema.mjs", "--check"]);
step("Prisma clients", bin("tsx"), ["scripts/generate-clients.ts", "--check-derived"]);
step("Type check", bin("tsc"), ["--noEmit", "-p", "."]);
step("Lint", bin("eslint"), [".", "--max-warnings=0"]);
step("Copy-paste detector (jscpd)", bin("jscpd"), ["-c", ".jscpd.json"]);
step("Portal build", bin("next"), ["build"]);
step("Unit and integration tests (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=.test-reports/vitest-results.json"]);
step("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"]);
summarize();
