// Where the portal's own tests connect: always the relay's public host and ports from
// configuration (a browser never chooses a host, so the portal cannot be aimed at other
// machines), trusting the relay's certificate file.
import fs from "node:fs";
import net from "node:net";
import tls from "node:tls";
import type { Env } from "../env";
import type { TlsMode } from "./types";

export type RelayTargetEnv = Pick<Env, "SMTP_PUBLIC_HOST" | "SMTP_PUBLIC_PORT" | "SMTPS_PUBLIC_PORT" | "RELAY_TLS_CERT">;

export type RelayTarget = { host: string; port: number; servername: string | undefined; ca: Array<string | Buffer> };

export function relayTarget(env: RelayTargetEnv, mode: TlsMode): RelayTarget {
  const publicHost = env.SMTP_PUBLIC_HOST;
  return {
    // "localhost" is dialled as 127.0.0.1: the relay listens on IPv4 loopback, while the name
    // may resolve to ::1 first, and nodemailer resolves names through DNS rather than
    // /etc/hosts (offline, "localhost" may not resolve at all). The certificate is still
    // checked against the public name through `servername`.
    host: publicHost === "localhost" ? "127.0.0.1" : publicHost,
    port: mode === "implicit" ? env.SMTPS_PUBLIC_PORT : env.SMTP_PUBLIC_PORT,
    servername: net.isIP(publicHost) ? undefined : publicHost,
    // The system's roots plus the relay's own certificate: a CA-signed certificate verifies
    // through the roots, the demo's self-signed one through itself. Verification stays on.
    ca: [...tls.rootCertificates, ...readCertificate(env.RELAY_TLS_CERT)],
  };
}

function readCertificate(file: string): Buffer[] {
  try {
    return [fs.readFileSync(file)];
  } catch {
    // Without it the check still runs against the system's roots, and says so if they fail.
    return [];
  }
}
