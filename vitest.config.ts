import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) and database/process integration tests (*.integration.test.ts) sit
// beside their code; Playwright's e2e/*.spec.ts are not for vitest.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,relay,idp,scripts,stack,app,components}/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", "data/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Integration suites start real servers; two cores are shared among them.
    maxWorkers: 2,
  },
});
