// Every set-up step `npm start` (and the test harness) runs before the processes start:
// secrets, migrations, demo seed, relay certificate, portal build. The Prisma clients this
// module imports (through lib/db) are generated before it loads, by scripts/start.mjs or
// scripts/test.mjs in a process of their own.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { closeDb, createDb } from "../lib/db";
import { type Env, parseEnv } from "../lib/env";
import { ensureRelayCertificate } from "../lib/setup/certificate";
import { migrateDatabase } from "../lib/setup/database";
import { ensureSecrets } from "../lib/setup/secrets";
import { seedDemo } from "../lib/seed/demo";
import { ensureIdpSigningKeys } from "../idp/keys";
import { portalBuildIsCurrent } from "./build";
import { StartError } from "./start-error";
import { checkPorts } from "./ports";
import { ROOT } from "../lib/root";



export type PrepareOptions = {
  environment: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Build the portal when stale (npm start: yes; the test harness builds once up front). */
  build?: boolean;
};

export async function prepareStack({ environment, log = () => {}, build = true }: PrepareOptions): Promise<Env> {
  const dataDir = path.resolve(environment.DATA_DIR || path.join(ROOT, "data"));
  const created = ensureSecrets(dataDir, environment);
  if (created.length) log(`created secrets in ${path.join(dataDir, "secrets.env")}: ${created.join(", ")}`);

  const env = parseEnv({ ...environment, DATA_DIR: dataDir });
  // Before the slow steps, so a taken port is reported at once.
  await checkPorts(env);

  await migrateDatabase(env);
  if (env.DEMO_MODE) {
    await ensureIdpSigningKeys(env.DATA_DIR);
    const db = createDb(env.DATABASE_URL);
    try {
      await seedDemo(db, env);
    } finally {
      await db.$disconnect();
      await closeDb();
    }
  }
  if (await ensureRelayCertificate(env)) log(`created a self-signed certificate for ${env.SMTP_PUBLIC_HOST} in ${path.dirname(env.RELAY_TLS_CERT)}`);

  if (build && !portalBuildIsCurrent(ROOT)) {
    log("building the portal (next build)…");
    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
    });
    if (result.status !== 0) {
      const tail = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-15).join("\n");
      throw new StartError(`The portal build failed (next build exited ${result.status}):\n${tail}`);
    }
  }
  return env;
}
