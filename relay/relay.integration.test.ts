// The relay in-process against a migrated temp SQLite database, driven over real sockets:
// raw lines where the article quotes the wire word for word, nodemailer where an application
// would be the client.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedPassword } from "../lib/credentials/stored-password";
import { generatePassword, generateUsername } from "../lib/credentials/generate";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { databaseKinds } from "../lib/testing/test-database";
import { createRelayStore } from "./create-relay-store";
import type { RelayStore } from "./relay-store";
import { createRelay, type Relay } from "./server";
import { RawSmtp } from "./raw-smtp";
import { createTestbedOn } from "./testbed";
import { sinkPath, startDeliveryWorker } from "./delivery-worker";

const MAX_FAILURES = 3;
const MAX_RECIPIENTS = 3;
const MAX_BYTES = 64 * 1024;

let dropDatabase: (() => Promise<void>) | undefined;
let env: Env;
let db: Db;
let relay: Relay;
let store: RelayStore;
let certPem: string;
let ports: { starttls: number; tls: number };
let workspaceId: string;
let domainId: string;

type Creds = { id: string; username: string; password: string };

async function createAccount(over: { fromAddress?: string | null } = {}): Promise<Creds> {
  const id = `acc_${randomBytes(6).toString("hex")}`;
  const password = generatePassword();
  const username = generateUsername();
  await db.smtpAccount.create({
    data: {
      id,
      workspaceId,
      label: "test",
      username,
      domainId,
      fromAddress: over.fromAddress ?? null,
      ...storedPassword(password, id, env),
    },
  });
  return { id, username, password };
}

const connect = (port: number, implicitTls = false) => RawSmtp.connect({ port, implicitTls, ca: certPem });
const secured = () => RawSmtp.secured({ port: ports.starttls, ca: certPem });

function transport(creds: Creds, implicitTls = false) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port: implicitTls ? ports.tls : ports.starttls,
    secure: implicitTls,
    requireTLS: !implicitTls,
    auth: { user: creds.username, pass: creds.password },
    tls: { ca: [certPem], servername: "localhost" },
  });
}

async function sendError(promise: Promise<unknown>): Promise<{ responseCode?: number; response?: string; code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { responseCode?: number; response?: string; code?: string };
  }
  throw new Error("expected the send to fail");
}

for (const kind of databaseKinds()) describe(`the relay on ${kind}`, () => {
  beforeAll(async () => {
    const { bed, db: testDb, drop } = await createTestbedOn(kind, {
      RELAY_MAX_MESSAGE_BYTES: String(MAX_BYTES),
      RELAY_MAX_RECIPIENTS: String(MAX_RECIPIENTS),
      AUTH_MAX_FAILURES: String(MAX_FAILURES),
      AUTH_FAILURE_WINDOW: "600",
      AUTH_LOCKOUT: "600",
      AUTH_IP_MAX_FAILURES: "1000",
      LOG_LEVEL: "silent",
    });
    dropDatabase = drop;
    certPem = bed.certPem;
    env = bed.env;
    db = testDb;
    const ws = await db.workspace.create({ data: { slug: `ws-${randomBytes(3).toString("hex")}`, name: "Acme" } });
    workspaceId = ws.id;
    const domain = await db.domain.create({ data: { workspaceId, name: "acme.test", status: "verified", verificationToken: "t", verifiedAt: new Date() } });
    domainId = domain.id;
    store = await createRelayStore(env, db);
    relay = createRelay({ env, db, store, logger: pino({ level: "silent" }), shutdownGraceMs: 2000 });
    await relay.listen();
    ports = relay.ports();
  }, 60_000);

  afterAll(async () => {
    await relay?.close();
    await store?.close();
    await dropDatabase?.();
  });

  /** A session authenticated as `creds`, with MAIL FROM, one RCPT and DATA accepted: the body is next. */
  async function inData(creds: { username: string; password: string }) {
    const c = await secured();
    expect(await c.authLogin(creds.username, creds.password)).toBe("235 2.7.0 Authentication successful");
    expect((await c.command("MAIL FROM:<a@acme.test>"))[0]).toMatch(/^250 /);
    expect((await c.command("RCPT TO:<b@example.com>"))[0]).toMatch(/^250 /);
    expect((await c.command("DATA"))[0]).toMatch(/^354 /);
    return c;
  }

  describe("the wire, word for word", () => {
    it("greets with 220 <SMTP_PUBLIC_HOST> ESMTP ready", async () => {
      const c = await connect(ports.starttls);
      expect(await c.reply()).toEqual(["220 localhost ESMTP ready"]);
      c.close();
    });

    it("offers STARTTLS and no AUTH before TLS, and refuses AUTH with 530", async () => {
      const c = await connect(ports.starttls);
      await c.reply();
      const ehlo = await c.command("EHLO x");
      const features = ehlo.slice(1).map((l) => l.slice(4));
      expect(features).toContain("STARTTLS");
      expect(features).toContain(`SIZE ${MAX_BYTES}`);
      expect(features).toEqual(expect.arrayContaining(["8BITMIME", "PIPELINING", "ENHANCEDSTATUSCODES"]));
      expect(features.some((f) => f.startsWith("AUTH"))).toBe(false);
      expect(await c.command("AUTH LOGIN")).toEqual(["530 5.7.0 Must issue a STARTTLS command first"]);
      expect(await c.command("AUTH PLAIN AGZvbwBiYXI=")).toEqual(["530 5.7.0 Must issue a STARTTLS command first"]);
      c.close();
    });

    it("after STARTTLS offers AUTH PLAIN LOGIN and accepts the article's AUTH LOGIN sequence", async () => {
      const creds = await createAccount();
      const c = await connect(ports.starttls);
      await c.reply();
      await c.command("EHLO yourdomain.com");
      expect(await c.startTls()).toEqual(["220 2.0.0 Ready to start TLS"]);
      const ehlo = await c.command("EHLO yourdomain.com");
      const features = ehlo.slice(1).map((l) => l.slice(4));
      expect(features).toContain("AUTH PLAIN LOGIN");
      expect(features).not.toContain("STARTTLS");
      expect(await c.authLogin(creds.username, creds.password)).toBe("235 2.7.0 Authentication successful");
      expect(await c.command("QUIT")).toEqual(["221 2.0.0 Bye"]);
      c.close();
      const events = await db.loginEvent.findMany({ where: { accountId: creds.id } });
      expect(events).toMatchObject([{ success: true, method: "LOGIN", clientIp: "127.0.0.1", passwordVersion: 1 }]);
      expect(events[0]!.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    });

    it("answers a wrong password with 535 5.7.8 and records it without the password", async () => {
      const creds = await createAccount();
      const c = await secured();
      expect(await c.authLogin(creds.username, "not-the-password")).toBe("535 5.7.8 Authentication credentials invalid");
      expect(await c.authLogin("smtpuser_00000000", creds.password)).toBe("535 5.7.8 Authentication credentials invalid");
      c.close();
      const events = await db.loginEvent.findMany({ where: { username: { in: [creds.username, "smtpuser_00000000"] } }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => [e.success, e.reason])).toEqual([
        [false, "bad_credentials"],
        [false, "unknown_user"],
      ]);
      expect(JSON.stringify(events)).not.toContain(creds.password);
    });

    it("accepts AUTH PLAIN on the implicit TLS port", async () => {
      const creds = await createAccount();
      const c = await connect(ports.tls, true);
      expect(await c.reply()).toEqual(["220 localhost ESMTP ready"]);
      const ehlo = await c.command("EHLO x");
      expect(ehlo.map((l) => l.slice(4))).toContain("AUTH PLAIN LOGIN");
      const token = Buffer.from(`\0${creds.username}\0${creds.password}`).toString("base64");
      expect(await c.command(`AUTH PLAIN ${token}`)).toEqual(["235 2.7.0 Authentication successful"]);
      c.close();
      await expect(transport(creds, true).verify()).resolves.toBe(true);
    });
  });

  describe("accepting mail", () => {
    it("stores a message durably before answering 250 2.0.0 Ok: queued as <id>", async () => {
      const creds = await createAccount();
      const info = await transport(creds).sendMail({
        from: '"Billing" <billing@acme.test>',
        to: ["Alice@Example.com", "bob@other.test"],
        subject: "Invoice 42",
        text: "hello",
      });
      const m = /^250 2\.0\.0 Ok: queued as (\S+)$/.exec(info.response);
      expect(m, info.response).not.toBeNull();
      const message = await db.message.findUniqueOrThrow({ where: { id: m![1]! }, include: { recipients: true, attempts: true } });
      expect(message).toMatchObject({
        status: "queued",
        workspaceId,
        accountId: creds.id,
        passwordVersion: 1,
        envelopeFrom: "billing@acme.test",
        subject: "Invoice 42",
        recipientCount: 2,
        firstRecipient: "alice@example.com",
        clientIp: "127.0.0.1",
      });
      expect(message.headerFrom).toContain("billing@acme.test");
      expect(message.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
      expect(message.recipients.map((r) => [r.address, r.domain]).sort()).toEqual([
        ["alice@example.com", "example.com"],
        ["bob@other.test", "other.test"],
      ]);
      expect(message.attempts.map((a) => a.outcome)).toEqual(["accepted"]);
      const raw = Buffer.from(message.raw!).toString("utf8");
      expect(raw.startsWith("Received: from ")).toBe(true);
      expect(raw).toMatch(/\r\nMessage-ID: </i);
      expect(message.sizeBytes).toBe(message.raw!.length);
    });

    it("adds a Message-ID when the message has none", async () => {
      const creds = await createAccount();
      const raw = "From: a@acme.test\r\nTo: b@example.com\r\nSubject: no id\r\n\r\nbody\r\n";
      const info = await transport(creds).sendMail({ envelope: { from: "a@acme.test", to: ["b@example.com"] }, raw });
      const id = /queued as (\S+)$/.exec(info.response)![1]!;
      const message = await db.message.findUniqueOrThrow({ where: { id } });
      expect(message.messageIdHeader).toBe(`<${id}@localhost>`);
      expect(Buffer.from(message.raw!).toString()).toContain(`Subject: no id\r\nMessage-ID: <${id}@localhost>\r\n\r\nbody`);
    });

    it("refuses MAIL FROM on another domain with 553 5.7.1", async () => {
      const creds = await createAccount();
      const error = await sendError(transport(creds).sendMail({ from: "ceo@globex.test", to: "a@example.com", text: "x" }));
      expect(error.responseCode).toBe(553);
      expect(error.response).toBe("553 5.7.1 MAIL FROM must be an address on acme.test, the verified domain of this account");
      expect(await db.message.count({ where: { accountId: creds.id } })).toBe(0);
    });

    it("holds an account with a From address to it", async () => {
      const creds = await createAccount({ fromAddress: "noreply@acme.test" });
      const error = await sendError(transport(creds).sendMail({ from: "sales@acme.test", to: "a@example.com", text: "x" }));
      expect(error.response).toBe("553 5.7.1 MAIL FROM must be noreply@acme.test, the From address of this account");
    });

    it("refuses a From header on another domain at the end of DATA, storing nothing", async () => {
      const creds = await createAccount();
      const raw = "From: ceo@globex.test\r\nTo: b@example.com\r\nSubject: spoof\r\n\r\nbody\r\n";
      const error = await sendError(transport(creds).sendMail({ envelope: { from: "a@acme.test", to: ["b@example.com"] }, raw }));
      expect(error.response).toBe("553 5.7.1 From header must be an address on acme.test, the verified domain of this account");
      expect(await db.message.count({ where: { accountId: creds.id } })).toBe(0);
    });

    it("limits recipients with 452 4.5.3", async () => {
      const creds = await createAccount();
      const to = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `r${i}@example.com`);
      const info = await transport(creds).sendMail({ from: "a@acme.test", to, text: "x" });
      expect(info.accepted).toHaveLength(MAX_RECIPIENTS);
      expect(info.rejected).toEqual([`r${MAX_RECIPIENTS}@example.com`]);
      const rejected = (info as unknown as { rejectedErrors: { response: string }[] }).rejectedErrors;
      expect(rejected[0]!.response).toBe(`452 4.5.3 Too many recipients: at most ${MAX_RECIPIENTS} per message`);
    });

    it("refuses a message over RELAY_MAX_MESSAGE_BYTES with 552 5.3.4 and stores nothing", async () => {
      const creds = await createAccount();
      // Raw session without the SIZE parameter, so the bound on the DATA stream is what answers.
      const c = await inData(creds);
      const line = "x".repeat(998);
      const body = `From: a@acme.test\r\n\r\n${Array.from({ length: Math.ceil((MAX_BYTES * 2) / 1000) }, () => line).join("\r\n")}\r\n.`;
      expect(await c.command(body)).toEqual([`552 5.3.4 Message too big: the limit is ${MAX_BYTES} bytes`]);
      c.close();
      expect(await db.message.count({ where: { accountId: creds.id } })).toBe(0);
    });
  });

  describe("credential changes and brute force", () => {
    it("ends an authenticated session's authority when the password is reset (535, nothing stored)", async () => {
      const creds = await createAccount();
      const c = await secured();
      expect(await c.authLogin(creds.username, creds.password)).toBe("235 2.7.0 Authentication successful");
      await db.smtpAccount.update({ where: { id: creds.id }, data: { passwordVersion: { increment: 1 } } });
      expect(await c.command("MAIL FROM:<a@acme.test>")).toEqual(["535 5.7.8 Authentication credentials invalid"]);
      // The session is no longer authenticated at all.
      expect((await c.command("MAIL FROM:<a@acme.test>"))[0]).toMatch(/^530 /);
      c.close();
      expect(await db.message.count({ where: { accountId: creds.id } })).toBe(0);
    });

    it("re-checks the password version at the end of DATA", async () => {
      const creds = await createAccount();
      const c = await inData(creds);
      await db.smtpAccount.update({ where: { id: creds.id }, data: { passwordVersion: { increment: 1 } } });
      expect(await c.command("From: a@acme.test\r\nSubject: late\r\n\r\nbody\r\n.")).toEqual(["535 5.7.8 Authentication credentials invalid"]);
      c.close();
      expect(await db.message.count({ where: { accountId: creds.id } })).toBe(0);
    });

    it("refuses a disabled account with 535", async () => {
      const creds = await createAccount();
      await db.smtpAccount.update({ where: { id: creds.id }, data: { status: "disabled" } });
      const c = await secured();
      expect(await c.authLogin(creds.username, creds.password)).toBe("535 5.7.8 Authentication credentials invalid");
      c.close();
    });

    it(`locks (username, IP) out with 454 4.7.0 after ${MAX_FAILURES} failures, even for the right password`, async () => {
      const creds = await createAccount();
      // One connection per attempt, as clients retry (smtp-server also caps unauthenticated
      // commands per connection, AUTH continuation lines included).
      for (let i = 0; i < MAX_FAILURES; i++) {
        const c = await secured();
        expect(await c.authLogin(creds.username, `wrong-${i}`)).toBe("535 5.7.8 Authentication credentials invalid");
        c.close();
      }
      const c = await secured();
      expect(await c.authLogin(creds.username, creds.password)).toBe("454 4.7.0 Too many failed login attempts, try again later");
      c.close();
      const last = await db.loginEvent.findFirst({ where: { accountId: creds.id }, orderBy: { createdAt: "desc" } });
      expect(last).toMatchObject({ success: false, reason: "locked_out" });
      const error = await sendError(transport(creds).verify());
      expect(error.responseCode).toBe(454);
      // Another account from the same IP is not affected.
      const other = await createAccount();
      await expect(transport(other).verify()).resolves.toBe(true);
    });
  });

  describe("delivery to the local sink", () => {
    it("writes queued messages to DATA_DIR/sink/<id>.eml and marks them delivered", async () => {
      const worker = startDeliveryWorker({ env, db, store, logger: pino({ level: "silent" }) });
      try {
        const creds = await createAccount();
        const info = await transport(creds).sendMail({ from: "a@acme.test", to: "b@example.com", subject: "sink", text: "to the sink" });
        const id = /queued as (\S+)$/.exec(info.response)![1]!;
        worker.wake();
        await expect.poll(async () => (await db.message.findUnique({ where: { id } }))?.status, { timeout: 5000 }).toBe("delivered");
        const file = sinkPath(env.DATA_DIR, id);
        expect(fs.readFileSync(file, "utf8")).toContain("Subject: sink");
        const attempts = await db.deliveryAttempt.findMany({ where: { messageId: id }, orderBy: { createdAt: "asc" } });
        expect(attempts.map((a) => a.outcome)).toEqual(["accepted", "delivered"]);
      } finally {
        await worker.stop();
      }
    });
  });
});
