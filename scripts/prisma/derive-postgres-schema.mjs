#!/usr/bin/env node
// Writes prisma/postgres/schema.prisma, derived from prisma/schema.prisma (lib/setup/postgres-schema.mjs).
//
//   node scripts/prisma/derive-postgres-schema.mjs           write the derived file
//   node scripts/prisma/derive-postgres-schema.mjs --check   exit 1 if it is missing or stale (npm test, CI)
import fs from "node:fs";
import path from "node:path";
import { derivePostgresSchema } from "../../lib/setup/postgres-schema.mjs";

const root = path.resolve(import.meta.dirname, "../..");
export const SOURCE = path.join(root, "prisma/schema.prisma");
export const TARGET = path.join(root, "prisma/postgres/schema.prisma");

function main() {
  const check = process.argv.includes("--check");
  const expected = derivePostgresSchema(fs.readFileSync(SOURCE, "utf8"));
  const actual = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, "utf8") : undefined;
  if (check) {
    if (actual !== expected) {
      console.error(
        `prisma/postgres/schema.prisma is ${actual === undefined ? "missing" : "stale"}: run \`node scripts/prisma/derive-postgres-schema.mjs\` and commit the result.`,
      );
      process.exit(1);
    }
    return;
  }
  if (actual === expected) return;
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.writeFileSync(TARGET, expected);
  console.log("wrote prisma/postgres/schema.prisma");
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
