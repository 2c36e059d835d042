// The relay against real clients and hostile input, over real sockets: curl (smtp:// with
// STARTTLS and smtps://), Python smtplib (starttls() and SMTP_SSL), the seed's
// `openssl s_client -starttls smtp -crlf` AUTH LOGIN session; malformed input (bad base64 in
// AUTH, a 1 MB command line, unknown commands, a pipelined flood, a client stalling in DATA,
// TLS on the STARTTLS port) must get an error or a bounded timeout, and the relay stays up.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { createRelayStore } from "./create-relay-store";
import type { RelayStore } from "./relay-store";
import { createRelay, type Relay } from "./server";
import { createTestAccount, createTestbed, seedWorkspace, type Creds, type Testbed } from "./testbed";
import { sinkPath, startDeliveryWorker, type DeliveryWorker } from "./delivery-worker";

const SOCKET_TIMEOUT_MS = 1500;

let bed: Testbed;
let db: Db;
let store: RelayStore;
let relay: Relay;
let worker: DeliveryWorker;
let ports: { starttls: number; tls: number };
let where: { workspaceId: string; domainId: string };
let certFile: string;

beforeAll(async () => {
  bed = await createTestbed({ RELAY_SOCKET_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS), LOG_LEVEL: "silent" });
  certFile = bed.vars.RELAY_TLS_CERT!;
  await migrateDatabase(bed.env);
  db = createDb(bed.env.DATABASE_URL);
  where = await seedWorkspace(db);
  store = await createRelayStore(bed.env, db);
  const logger = pino({ level: "silent" });
  worker = startDeliveryWorker({ env: bed.env, db, store, logger, idlePollMs: 200 });
  relay = createRelay({ env: bed.env, db, store, logger, shutdownGraceMs: 2000, onQueued: () => worker.wake() });
  await relay.listen();
  ports = relay.ports();
}, 120_000);

afterAll(async () => {
  await relay?.close();
  await worker?.stop();
  await store?.close();
  await db?.$disconnect();
  if (bed) fs.rmSync(bed.dir, { recursive: true, force: true });
});

function run(command: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

function messageFile(subject: string): string {
  const file = path.join(bed.dir, `${subject.replace(/\W/g, "_")}.eml`);
  fs.writeFileSync(file, `From: app@acme.test\r\nTo: someone@example.com\r\nSubject: ${subject}\r\n\r\nHello from ${subject}.\r\n`);
  return file;
}

async function expectStoredAndSunk(creds: Creds, subject: string) {
  await expect.poll(async () => (await db.message.findFirst({ where: { accountId: creds.id, subject } }))?.status, { timeout: 10_000 }).toBe("delivered");
  const message = await db.message.findFirstOrThrow({ where: { accountId: creds.id, subject } });
  expect(fs.readFileSync(sinkPath(bed.env.DATA_DIR, message.id), "utf8")).toContain(`Subject: ${subject}`);
}

/** curl reads the credentials from a config file, not from its argv. */
function curlConfig(creds: Creds): string {
  const file = path.join(bed.dir, `curl-${creds.id}.conf`);
  fs.writeFileSync(file, `user = "${creds.username}:${creds.password}"\n`, { mode: 0o600 });
  return file;
}

const PYTHON = `
import os, smtplib, ssl
from email.message import EmailMessage
ctx = ssl.create_default_context(cafile=os.environ["CAFILE"])
msg = EmailMessage()
msg["From"] = "app@acme.test"
msg["To"] = "someone@example.com"
msg["Subject"] = os.environ["SUBJECT"]
msg.set_content("Hello from Python")
port = int(os.environ["PORT"])
if os.environ["MODE"] == "ssl":
    s = smtplib.SMTP_SSL("localhost", port, context=ctx, timeout=10)
else:
    s = smtplib.SMTP("localhost", port, timeout=10)
    s.starttls(context=ctx)
s.login(os.environ["SMTP_USERNAME"], os.environ["SMTP_PASSWORD"])
s.send_message(msg)
s.quit()
print("sent")
`;

describe("real clients", () => {
  it("curl --ssl-reqd smtp:// (STARTTLS) and smtps:// send with an account's credentials", async () => {
    const creds = await createAccount();
    for (const [scheme, port] of [
      ["smtp", ports.starttls],
      ["smtps", ports.tls],
    ] as const) {
      const subject = `curl ${scheme}`;
      const result = await run("curl", [
        "--silent",
        "--show-error",
        "--ssl-reqd",
        `${scheme}://127.0.0.1:${port}`,
        "--mail-from",
        "app@acme.test",
        "--mail-rcpt",
        "someone@example.com",
        "--upload-file",
        messageFile(subject),
        "--cacert",
        certFile,
        "-K",
        curlConfig(creds),
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      await expectStoredAndSunk(creds, subject);
    }
  });

  it("Python smtplib with starttls() and SMTP_SSL", async () => {
    const creds = await createAccount();
    for (const [mode, port] of [
      ["starttls", ports.starttls],
      ["ssl", ports.tls],
    ] as const) {
      const subject = `python ${mode}`;
      const result = await run("python3", ["-c", PYTHON], {
        env: { CAFILE: certFile, PORT: String(port), MODE: mode, SUBJECT: subject, SMTP_USERNAME: creds.username, SMTP_PASSWORD: creds.password },
      });
      expect(result.stderr).toBe("");
      expect(result.stdout.trim()).toBe("sent");
      await expectStoredAndSunk(creds, subject);
    }
  });

  it("the seed's openssl s_client -starttls smtp -crlf AUTH LOGIN session", async () => {
    const creds = await createAccount();
    const child = spawn(
      "openssl",
      ["s_client", "-starttls", "smtp", "-connect", `127.0.0.1:${ports.starttls}`, "-crlf", "-CAfile", certFile, "-servername", "localhost", "-quiet", "-nocommands"],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const waitFor = async (text: string) => expect.poll(() => out, { timeout: 10_000, interval: 20 }).toContain(text);
    try {
      // s_client has sent its own EHLO and STARTTLS; the session continues inside TLS.
      child.stdin.write("EHLO yourdomain.com\n");
      await waitFor("250-AUTH PLAIN LOGIN");
      child.stdin.write("AUTH LOGIN\n");
      await waitFor("334 VXNlcm5hbWU6");
      child.stdin.write(`${Buffer.from(creds.username).toString("base64")}\n`);
      await waitFor("334 UGFzc3dvcmQ6");
      child.stdin.write(`${Buffer.from(creds.password).toString("base64")}\n`);
      await waitFor("235 2.7.0 Authentication successful");
      child.stdin.write("QUIT\n");
      await waitFor("221 2.0.0 Bye");
    } finally {
      child.kill();
    }
  });
});

async function createAccount(over: Parameters<typeof createTestAccount>[3] = {}): Promise<Creds> {
  return createTestAccount(db, bed.env, where, over);
}

/** A raw client: write anything, read whatever comes back until the server closes or `ms` pass. */
class Raw {
  data = "";
  closed = false;
  private constructor(public socket: net.Socket | tls.TLSSocket) {
    socket.on("data", (d: Buffer) => (this.data += d.toString("latin1")));
    socket.on("close", () => (this.closed = true));
    socket.on("error", () => undefined);
  }
  static async open(port = ports.starttls): Promise<Raw> {
    const socket = net.connect({ host: "127.0.0.1", port });
    await new Promise<void>((resolve, reject) => socket.once("connect", () => resolve()).once("error", reject));
    const raw = new Raw(socket);
    await raw.until("220 ");
    return raw;
  }
  async until(text: string | RegExp, timeout = 5000) {
    await expect
      .poll(() => (typeof text === "string" ? this.data.includes(text) : text.test(this.data)), { timeout, interval: 10 })
      .toBe(true);
  }
  async send(line: string, expectText: string | RegExp) {
    this.data = "";
    this.socket.write(`${line}\r\n`);
    await this.until(expectText);
    return this.data;
  }
  async secure() {
    await this.send("EHLO x", "250 ");
    await this.send("STARTTLS", "220 ");
    this.socket.removeAllListeners("data");
    const s = tls.connect({ socket: this.socket, ca: [bed.certPem], servername: "localhost" });
    await new Promise<void>((resolve, reject) => s.once("secureConnect", () => resolve()).once("error", reject));
    this.socket = s;
    this.data = "";
    s.on("data", (d: Buffer) => (this.data += d.toString("latin1")));
    s.on("close", () => (this.closed = true));
    await this.send("EHLO x", "250 ");
  }
  destroy() {
    this.socket.destroy();
  }
}

/** The relay still answers a normal client. */
async function stillUp() {
  const c = await Raw.open();
  expect(c.data).toContain("220 localhost ESMTP ready");
  c.destroy();
}

describe("malformed input", () => {
  it("answers invalid base64 in AUTH with an error", async () => {
    const c = await Raw.open();
    await c.secure();
    const plain = await c.send("AUTH PLAIN !!!not-base64***", /^[45]\d\d /m);
    expect(plain).toMatch(/^(501|535) /m);
    const login = await c.send("AUTH LOGIN", "334 ");
    expect(login).toContain("334 ");
    const bad = await c.send("%%%%", /^[45]\d\d /m);
    expect(bad).toMatch(/^(501|535) /m);
    c.destroy();
    await stillUp();
  });

  it("refuses a 1 MB command line without running out of memory", async () => {
    const c = await Raw.open();
    c.socket.write(`EHLO ${"a".repeat(1024 * 1024)}\r\n`);
    await expect.poll(() => c.closed || /^5\d\d /m.test(c.data), { timeout: 10_000 }).toBe(true);
    c.destroy();
    await stillUp();
  });

  it("answers unknown commands with 500 and ends a session that only sends junk", async () => {
    const c = await Raw.open();
    expect(await c.send("FOO bar", /^5\d\d /m)).toMatch(/^500 /m);
    for (let i = 0; i < 20 && !c.closed; i++) c.socket.write(`JUNK${i}\r\n`);
    await expect.poll(() => c.closed, { timeout: 10_000 }).toBe(true);
    await stillUp();
  });

  it("survives a pipelined flood of commands", async () => {
    const c = await Raw.open();
    c.socket.write("NOOP\r\n".repeat(50_000));
    await expect.poll(() => c.closed || (c.data.match(/^250 /gm)?.length ?? 0) >= 50_000, { timeout: 30_000 }).toBe(true);
    c.destroy();
    await stillUp();
  });

  it(`closes a client stalling in DATA after RELAY_SOCKET_TIMEOUT_MS (${SOCKET_TIMEOUT_MS} ms), storing nothing`, async () => {
    const creds = await createAccount();
    const c = await Raw.open();
    await c.secure();
    const token = Buffer.from(`\0${creds.username}\0${creds.password}`).toString("base64");
    await c.send(`AUTH PLAIN ${token}`, "235 ");
    await c.send("MAIL FROM:<app@acme.test>", "250 ");
    await c.send("RCPT TO:<someone@example.com>", "250 ");
    await c.send("DATA", "354 ");
    c.socket.write("From: app@acme.test\r\nSubject: stalled\r\n\r\nhalf a mess");
    const started = Date.now();
    await expect.poll(() => c.closed, { timeout: SOCKET_TIMEOUT_MS + 5000, interval: 50 }).toBe(true);
    expect(Date.now() - started).toBeLessThan(SOCKET_TIMEOUT_MS + 4000);
    expect(c.data).toMatch(/^421 /m);
    expect(await db.message.count({ where: { accountId: creds.id } })).toBe(0);
    await stillUp();
  });

  it("ends a TLS handshake sent to the STARTTLS port and stays up", async () => {
    const socket = tls.connect({ host: "127.0.0.1", port: ports.starttls, ca: [bed.certPem], servername: "localhost" });
    const error = await new Promise<Error | null>((resolve) => {
      socket.once("secureConnect", () => resolve(null));
      socket.once("error", resolve);
    });
    expect(error).not.toBeNull();
    socket.destroy();
    const c = await Raw.open();
    c.socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, ...Array.from({ length: 200 }, (_, i) => i)]));
    c.socket.write("\r\n");
    await expect.poll(() => c.closed || /^5\d\d /m.test(c.data), { timeout: 10_000 }).toBe(true);
    c.destroy();
    await stillUp();
  });
});
