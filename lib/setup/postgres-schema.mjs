// The PostgreSQL copy of prisma/schema.prisma (the models are written once, for SQLite). A
// Prisma schema fixes its provider, and each provider needs its own schema, migration history
// and generated client, so the copy differs only in:
//   - datasource provider "sqlite" → "postgresql"
//   - generator output ../lib/generated/sqlite → ../../lib/generated/postgres (one level deeper)
//   - a "GENERATED — do not edit" header
//   - lines written as `// postgres: <line>` in the shared file become `<line>` here: what
//     only PostgreSQL has (a trigram index for substring search; SQLite scans, and has none)
// Plain JavaScript: `npm run db:derive` and npm test's check run it with node alone.

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
  text = text.replace(/^([ \t]*)\/\/ postgres: (.+)$/gm, "$1$2");
  if (/@db\./.test(text)) throw new Error("derive-postgres-schema: native types (@db.*) are not allowed in the shared models");
  return HEADER + text;
}
