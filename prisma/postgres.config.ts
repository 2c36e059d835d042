// Prisma CLI configuration for the PostgreSQL schema (derived from prisma/schema.prisma by
// scripts/prisma/derive-postgres-schema.mjs). Use it with `--config prisma/postgres.config.ts`,
// from the repository root, with DATABASE_URL=postgresql://… .
// Like prisma.config.ts, it points the CLI at the offline Wasm schema engine.
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "../scripts/prisma/schema-engine.mjs");

const url = process.env.DATABASE_URL;

export default defineConfig({
  // Paths are relative to this file's directory.
  schema: "postgres/schema.prisma",
  migrations: { path: "postgres/migrations" },
  // Only a PostgreSQL URL is meaningful here; without one, `generate` still works and
  // migrate commands fail with "Connection url is empty".
  datasource: { url: url && /^postgres(ql)?:\/\//.test(url) ? url : undefined },
});
