import fs from "node:fs";
import { defineConfig } from "@playwright/test";

// Chromium from PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's
// own download. With none, fail loudly: a browser test suite that silently skips proves nothing.
function chromiumPath(): string | undefined {
  const configured = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`PLAYWRIGHT_CHROMIUM_PATH names ${configured}, which does not exist.`);
    return configured;
  }
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined; // Playwright's own download, checked in e2e/global-setup.ts
}

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: ".test-reports/e2e-results.json" }]],
  use: {
    // Traces and screenshots capture the DOM, which may show a revealed password: keep them off.
    trace: "off",
    screenshot: "off",
    video: "off",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
