#!/usr/bin/env node
// Derive prisma/postgres/schema.prisma from prisma/schema.prisma (the models are written once,
// for SQLite). A Prisma schema fixes its provider, and each provider needs its own schema,
// migration history and generated client, so the PostgreSQL copy differs only in:
//   - datasource provider "sqlite" → "postgresql"
//   - generator output ../lib/generated/sqlite → ../../lib/generated/postgres (one level deeper)
//   - a "GENERATED — do not edit" header
//
//   node scripts/prisma/derive-postgres-schema.mjs           write the derived file
//   node scripts/prisma/derive-postgres-schema.mjs --check   exit 1 if it is missing or stale (CI)
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
export const SOURCE = path.join(root, "prisma/schema.prisma");
export const TARGET = path.join(root, "prisma/postgres/schema.prisma");

const HEADER = [
  "// GENERATED — do not edit. Derived from prisma/schema.prisma by",
  "// scripts/prisma/derive-postgres-schema.mjs (`npm run db:derive`); edit the models there.",
  "",
].join("\n");

/** Replace exactly one match of `re` inside the named block, or fail loudly. */
function replaceInBlock(text, blockRe, re, replacement, what) {
  const block = blockRe.exec(text);
  if (!block) throw new Error(`derive-postgres-schema: ${what}: block not found in prisma/schema.prisma`);
  if (!re.test(block[0])) throw new Error(`derive-postgres-schema: ${what}: expected line not found in prisma/schema.prisma`);
  const replaced = block[0].replace(re, replacement);
  return text.slice(0, block.index) + replaced + text.slice(block.index + block[0].length);
}

export function derivePostgresSchema(source) {
  let text = source.replace(/\r\n/g, "\n");
  text = replaceInBlock(text, /datasource\s+\w+\s*\{[^}]*\}/, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', "datasource provider");
  text = replaceInBlock(
    text,
    /generator\s+client\s*\{[^}]*\}/,
    /output(\s*)=(\s*)"\.\.\/lib\/generated\/sqlite"/,
    'output$1=$2"../../lib/generated/postgres"',
    "generator output",
  );
  if (/@db\./.test(text)) throw new Error("derive-postgres-schema: native types (@db.*) are not allowed in the shared models");
  return HEADER + text;
}

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
