// Real SMTP clients for browser tests: what a developer does with the copied credentials.
// Passwords go through the environment, never the command line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stackInfo } from "./fixtures";

const PYTHON_LOGIN = `
import os, smtplib, ssl, sys
ctx = ssl.create_default_context(cafile=os.environ["CA_FILE"])
try:
    with smtplib.SMTP(os.environ["SMTP_HOST"], int(os.environ["SMTP_PORT"]), timeout=15) as s:
        s.starttls(context=ctx)
        code, reply = s.login(os.environ["SMTP_USERNAME"], os.environ["SMTP_PASSWORD"])
        print(code, reply.decode())
except smtplib.SMTPAuthenticationError as e:
    print(e.smtp_code, e.smtp_error.decode())
`;

/** Logs in with Python's smtplib after STARTTLS; returns "235 …" or "535 …". */
export function pythonLogin(host: string, port: string, username: string, password: string): string {
  const r = spawnSync("python3", ["-c", PYTHON_LOGIN], {
    env: { ...process.env, SMTP_HOST: host === "localhost" ? "127.0.0.1" : host, SMTP_PORT: port, SMTP_USERNAME: username, SMTP_PASSWORD: password, CA_FILE: caFile() },
    encoding: "utf8",
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Sends one message with curl over STARTTLS (--ssl-reqd); the password goes in a 0600 netrc file. */
export function curlSend(port: string, username: string, password: string, from: string): { status: number | null; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-curl-"));
  const netrc = path.join(dir, "netrc");
  fs.writeFileSync(netrc, `machine localhost login ${username} password ${password}\n`, { mode: 0o600 });
  const message = `From: ${from}\r\nTo: someone@example.com\r\nSubject: e2e curl check\r\n\r\nHello from curl.\r\n`;
  try {
    const r = spawnSync(
      "curl",
      ["--silent", "--show-error", "--ssl-reqd", `smtp://localhost:${port}`, "--mail-from", from, "--mail-rcpt", "someone@example.com", "--upload-file", "-", "--cacert", caFile(), "--netrc-file", netrc],
      { input: message, encoding: "utf8", timeout: 30_000 },
    );
    return { status: r.status, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function caFile(): string {
  return path.join(stackInfo().dataDir, "tls", "relay.crt");
}
