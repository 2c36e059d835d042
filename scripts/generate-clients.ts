// Generates both Prisma clients (SQLite and PostgreSQL) when their schema changed. Its own
// process, run before anything that imports lib/generated is loaded (`npm start`, `npm test`).
//   --check-derived   a stale prisma/postgres/schema.prisma is an error, never rewritten (npm test, CI)
import { generateClients, SetupError } from "../lib/setup/database";

try {
  const { derivedSchemaWritten } = await generateClients({ derivedSchema: process.argv.includes("--check-derived") ? "check" : "write" });
  if (derivedSchemaWritten) console.log("[migosmtp] updated prisma/postgres/schema.prisma from prisma/schema.prisma");
} catch (error) {
  console.error(error instanceof SetupError ? error.message : `Generating the Prisma clients failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
}
