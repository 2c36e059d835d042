import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests sit beside their code. Two layers: unit tests (*.test.ts: no process, no socket, a few
// seconds in all: `npm run test:unit`) and integration tests (*.integration.test.ts: real
// servers, databases and child processes). Playwright's e2e/*.spec.ts are not for vitest.
const FOLDERS = "{lib,relay,idp,scripts,stack,app,components}";
const INTEGRATION = `${FOLDERS}/**/*.integration.test.ts`;

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    exclude: ["node_modules/**", "e2e/**", ".next/**", "data/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Integration suites start real servers; two cores are shared among them.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: [`${FOLDERS}/**/*.test.ts`], exclude: [INTEGRATION, "node_modules/**"] } },
      { extends: true, test: { name: "integration", include: [INTEGRATION] } },
    ],
  },
});
