// Generated secrets live in DATA_DIR/secrets.env (mode 0600), written once by `npm start`
// (lib/setup/secrets.ts). Values set in the real environment take precedence.
import fs from "node:fs";
import path from "node:path";

export const SECRETS_FILE = "secrets.env";

export function readSecretsFile(dataDir: string): Record<string, string> {
  const file = path.join(dataDir, SECRETS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}
