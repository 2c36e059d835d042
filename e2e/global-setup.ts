// Starts the whole stack once for the browser tests (the same harness the integration tests
// use) and tells the tests where it is through e2e/.stack.json.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startStack } from "../stack/start-stack";
import { STACK_FILE } from "./fixtures";

export default async function globalSetup() {
  const executable = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : chromium.executablePath());
  if (!fs.existsSync(executable)) {
    throw new Error(
      "No Chromium for the browser tests. Install Debian's package (`apt-get install -y chromium`), or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium binary, or run `npx playwright install chromium` where downloads are allowed.",
    );
  }
  // Every browser signs in from 127.0.0.1: the IdP's per-address limit must not trip across the suite.
  // A shared, busy machine may take minutes to start a production portal (E2E_STACK_READY_MS overrides).
  const readyTimeoutMs = Number(process.env.E2E_STACK_READY_MS) || 300_000;
  const stack = await startStack({ env: { STEP_UP_MAX_AGE: process.env.E2E_STEP_UP_MAX_AGE ?? "600", IDP_MAX_FAILURES_PER_IP: "1000" }, readyTimeoutMs });
  fs.mkdirSync(path.dirname(STACK_FILE), { recursive: true });
  fs.writeFileSync(STACK_FILE, JSON.stringify({ portalUrl: stack.portalUrl, dataDir: stack.dataDir, databaseUrl: stack.env.DATABASE_URL, relayPort: stack.env.RELAY_PORT, relayCert: stack.env.RELAY_TLS_CERT, smtpHost: stack.env.SMTP_PUBLIC_HOST }));
  return async () => {
    await stack.stop();
  };
}
