// `npm run keys:rotate` — rotate the key that encrypts stored SMTP passwords and DKIM keys.
//   npm run keys:rotate              add a new active key (when keys live in DATA_DIR/secrets.env)
//                                    and re-encrypt everything under the active key
//   npm run keys:rotate -- --retire  drop every key no stored secret uses any more
// When CREDENTIALS_KEYS is set in the environment, put the new key first yourself; this then
// re-encrypts under it and, with --retire, prints the value to set.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readSecretsFile, SECRETS_FILE } from "../lib/config/secrets-file";
import { reencryptAll, keyIdsInUse } from "../lib/credentials/rotate-keys";
import { createDb } from "../lib/db";
import { ConfigError, parseEnv } from "../lib/env";

async function main() {
  const retire = process.argv.includes("--retire");
  let env = parseEnv();
  const file = path.join(env.DATA_DIR, SECRETS_FILE);
  const managed = !process.env.CREDENTIALS_KEYS && Boolean(readSecretsFile(env.DATA_DIR).CREDENTIALS_KEYS);
  const db = createDb(env.DATABASE_URL);
  try {
    if (!retire && managed) {
      const current = readSecretsFile(env.DATA_DIR).CREDENTIALS_KEYS!;
      const kid = `k${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
      writeKeys(file, `${kid}:${randomBytes(32).toString("base64")},${current}`);
      env = parseEnv();
      console.log(`Added key ${kid} as the active key in ${file}.`);
    }
    if (!retire) {
      const report = await reencryptAll(db, env.CREDENTIALS_KEYS);
      console.log(`Re-encrypted ${report.reencrypted} secrets under ${env.CREDENTIALS_KEYS[0]!.id}; ${report.alreadyCurrent} were already current.`);
      console.log("Restart the portal and relay so they load the new key; then run `npm run keys:rotate -- --retire`.");
      return;
    }
    const inUse = await keyIdsInUse(db);
    const keep = env.CREDENTIALS_KEYS.filter((k, i) => i === 0 || inUse.has(k.id));
    const dropped = env.CREDENTIALS_KEYS.filter((k) => !keep.includes(k));
    const value = keep.map((k) => `${k.id}:${k.key.toString("base64")}`).join(",");
    if (dropped.length === 0) console.log("No key can be retired yet: every listed key is still in use (run `npm run keys:rotate` first).");
    else if (managed) {
      writeKeys(file, value);
      console.log(`Retired ${dropped.map((k) => k.id).join(", ")} from ${file}. Restart the portal and relay.`);
    } else console.log(`Set CREDENTIALS_KEYS to keep only ${keep.map((k) => k.id).join(", ")} (retiring ${dropped.map((k) => k.id).join(", ")}).`);
  } finally {
    await db.$disconnect();
  }
}

function writeKeys(file: string, value: string) {
  const lines = fs.readFileSync(file, "utf8").split("\n").map((l) => (l.startsWith("CREDENTIALS_KEYS=") ? `CREDENTIALS_KEYS=${value}` : l));
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, lines.join("\n"), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `keys:rotate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
