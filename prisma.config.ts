// Prisma CLI configuration for the SQLite (embedded default) schema.
// The CLI cannot download its native schema engine offline, so it drives Prisma's own
// WebAssembly engine through scripts/prisma/schema-engine.mjs (see docs in that file).
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts/prisma/schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : "file:./data/migosmtp.db" },
});
