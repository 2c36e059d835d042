// The relay's TLS certificate. In production RELAY_TLS_CERT/RELAY_TLS_KEY name real files; in
// demo mode a self-signed one for SMTP_PUBLIC_HOST is made once under DATA_DIR/tls.
import fs from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";
import type { Env } from "../env";

export async function ensureRelayCertificate(env: Env): Promise<boolean> {
  if (fs.existsSync(env.RELAY_TLS_CERT) && fs.existsSync(env.RELAY_TLS_KEY)) return false;
  const defaultDir = path.join(env.DATA_DIR, "tls");
  // Only the default location is ours to fill; configured paths were checked to exist by lib/env.
  if (path.dirname(env.RELAY_TLS_CERT) !== defaultDir) return false;
  fs.mkdirSync(defaultDir, { recursive: true, mode: 0o700 });
  const now = new Date();
  const pems = await generate([{ name: "commonName", value: env.SMTP_PUBLIC_HOST }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 825 * 24 * 3600 * 1000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: env.SMTP_PUBLIC_HOST },
          ...(env.SMTP_PUBLIC_HOST === "localhost" ? [{ type: 7 as const, ip: "127.0.0.1" }] : []),
        ],
      },
    ],
  });
  fs.writeFileSync(env.RELAY_TLS_KEY, pems.private, { mode: 0o600 });
  fs.writeFileSync(env.RELAY_TLS_CERT, pems.cert, { mode: 0o644 });
  return true;
}
