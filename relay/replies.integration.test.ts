// The replies the help article and the relay's users see, read off the wire of a real relay
// process (relay/main.ts, as `npm run relay` starts it) over raw sockets and TLS, word for
// word. The expected lines are written out here, not taken from relay/replies.ts, so a change
// of wording there fails this test. The help article (/help/smtp-credentials) quotes
// "220 smtp.migosmtp.com ESMTP ready" and "235 2.7.0 Authentication successful".
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { RawSmtp } from "./raw-smtp";
import { createTestAccount, createTestbed, type RelayProcess, seedWorkspace, spawnRelay, type Testbed } from "./testbed";

const MAX_FAILURES = 3;
const MAX_RECIPIENTS = 2;
const MAX_BYTES = 32 * 1024;

let bed: Testbed;
let db: Db;
let relay: RelayProcess;
let where: { workspaceId: string; domainId: string };

const starttls = () => RawSmtp.connect({ port: Number(bed.vars.RELAY_PORT), ca: bed.certPem });
const implicitTls = () => RawSmtp.connect({ port: Number(bed.vars.RELAY_TLS_PORT), ca: bed.certPem, implicitTls: true });
const secured = () => RawSmtp.secured({ port: Number(bed.vars.RELAY_PORT), ca: bed.certPem });
const account = () => createTestAccount(db, bed.env, where);

beforeAll(async () => {
  bed = await createTestbed({
    // The article's host name: the greeting carries SMTP_PUBLIC_HOST.
    SMTP_PUBLIC_HOST: "smtp.migosmtp.com",
    AUTH_MAX_FAILURES: String(MAX_FAILURES),
    AUTH_FAILURE_WINDOW: "600",
    AUTH_LOCKOUT: "600",
    AUTH_IP_MAX_FAILURES: "1000",
    RELAY_MAX_RECIPIENTS: String(MAX_RECIPIENTS),
    RELAY_MAX_MESSAGE_BYTES: String(MAX_BYTES),
  });
  await migrateDatabase(bed.env);
  db = createDb(bed.env.DATABASE_URL);
  where = await seedWorkspace(db);
  relay = await spawnRelay(bed.vars);
}, 120_000);

afterAll(async () => {
  await relay?.stop();
  await db?.$disconnect();
  if (bed) fs.rmSync(bed.dir, { recursive: true, force: true });
});

describe("the relay's replies on the wire", () => {
  it("greets as the article shows: 220 smtp.migosmtp.com ESMTP ready, on both ports", async () => {
    const plain = await starttls();
    expect(await plain.reply()).toEqual(["220 smtp.migosmtp.com ESMTP ready"]);
    plain.close();
    const tlsFirst = await implicitTls();
    expect(await tlsFirst.reply()).toEqual(["220 smtp.migosmtp.com ESMTP ready"]);
    tlsFirst.close();
  });

  it("answers AUTH before STARTTLS with 530 5.7.0 Must issue a STARTTLS command first", async () => {
    const c = await starttls();
    await c.reply();
    await c.command("EHLO yourdomain.com");
    expect(await c.command("AUTH LOGIN")).toEqual(["530 5.7.0 Must issue a STARTTLS command first"]);
    c.close();
  });

  it("accepts the article's sequence (EHLO, STARTTLS, AUTH LOGIN) with 235 2.7.0 Authentication successful", async () => {
    const creds = await account();
    const c = await starttls();
    expect(await c.reply()).toEqual(["220 smtp.migosmtp.com ESMTP ready"]);
    await c.command("EHLO yourdomain.com");
    expect(await c.startTls()).toEqual(["220 2.0.0 Ready to start TLS"]);
    await c.command("EHLO yourdomain.com");
    expect(await c.command("AUTH LOGIN")).toEqual([`334 ${Buffer.from("Username:").toString("base64")}`]);
    expect(await c.command(Buffer.from(creds.username).toString("base64"))).toEqual([`334 ${Buffer.from("Password:").toString("base64")}`]);
    expect(await c.command(Buffer.from(creds.password).toString("base64"))).toEqual(["235 2.7.0 Authentication successful"]);
    expect(await c.command("QUIT")).toEqual(["221 2.0.0 Bye"]);
    c.close();
  });

  it("answers a wrong password, an unknown user and a disabled account with the same 535 5.7.8 line", async () => {
    const creds = await account();
    const disabled = await account();
    await db.smtpAccount.update({ where: { id: disabled.id }, data: { status: "disabled" } });
    const c = await secured();
    const replies = [
      await c.authLogin(creds.username, "not-the-password"),
      await c.authLogin("smtpuser_00000000", creds.password),
      await c.authLogin(disabled.username, disabled.password),
    ];
    c.close();
    expect(replies).toEqual(Array(3).fill("535 5.7.8 Authentication credentials invalid"));
  });

  it("refuses DSN and SMTPUTF8 parameters, which EHLO does not offer, with 555 5.5.4", async () => {
    const creds = await account();
    const c = await secured();
    try {
      expect(await c.authLogin(creds.username, creds.password)).toMatch(/^235 /);
      expect((await c.command("MAIL FROM:<app@acme.test> RET=FULL")).join("\n")).toBe("555 5.5.4 MAIL FROM parameter RET is not supported: this relay does not offer DSN");
      expect((await c.command("MAIL FROM:<app@acme.test> SIZE=100")).join("\n")).toMatch(/^250 /);
      expect((await c.command("RCPT TO:<a@example.com> NOTIFY=NEVER")).join("\n")).toBe("555 5.5.4 RCPT TO parameter NOTIFY is not supported: this relay does not offer DSN");
    } finally {
      c.close();
    }
  });

  it("refuses AUTH PLAIN asking to act as another identity, even with the right password", async () => {
    const creds = await account();
    const other = await account();
    const plain = (authzid: string) => `AUTH PLAIN ${Buffer.from(`${authzid}\0${creds.username}\0${creds.password}`).toString("base64")}`;
    const c = await secured();
    try {
      expect((await c.command(plain(other.username))).join("\n")).toBe("535 5.7.8 Authentication credentials invalid");
      expect((await c.command(plain("someone-else"))).join("\n")).toBe("535 5.7.8 Authentication credentials invalid");
      // Its own name as the authorization identity is the same identity.
      expect((await c.command(plain(creds.username.toUpperCase()))).join("\n")).toBe("235 2.7.0 Authentication successful");
    } finally {
      c.close();
    }
  });

  it(`answers with 454 4.7.0 after ${MAX_FAILURES} failures, even for the right password`, async () => {
    const creds = await account();
    // One connection per attempt, as clients retry (smtp-server caps unauthenticated commands per connection).
    const attempt = async (password: string) => {
      const c = await secured();
      const reply = await c.authLogin(creds.username, password);
      c.close();
      return reply;
    };
    for (let i = 0; i < MAX_FAILURES; i++) expect(await attempt(`wrong-${i}`)).toBe("535 5.7.8 Authentication credentials invalid");
    expect(await attempt(creds.password)).toBe("454 4.7.0 Too many failed login attempts, try again later");
  });

  it("queues a message with 250 2.0.0 Ok: queued as <id>, and words the limits it enforces", async () => {
    const creds = await account();
    const c = await implicitTls();
    await c.reply();
    await c.command("EHLO x");
    expect(await c.command(`AUTH PLAIN ${Buffer.from(`\0${creds.username}\0${creds.password}`).toString("base64")}`)).toEqual(["235 2.7.0 Authentication successful"]);
    expect((await c.command("MAIL FROM:<app@acme.test>"))[0]).toMatch(/^250 /);
    for (let i = 0; i < MAX_RECIPIENTS; i++) expect((await c.command(`RCPT TO:<r${i}@example.com>`))[0]).toMatch(/^250 /);
    expect(await c.command("RCPT TO:<one-too-many@example.com>")).toEqual([`452 4.5.3 Too many recipients: at most ${MAX_RECIPIENTS} per message`]);
    expect((await c.command("DATA"))[0]).toMatch(/^354 /);
    const queued = await c.command("From: app@acme.test\r\nTo: r0@example.com\r\nSubject: hi\r\n\r\nhello\r\n.");
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatch(/^250 2\.0\.0 Ok: queued as \S+$/);

    expect((await c.command("MAIL FROM:<app@acme.test>"))[0]).toMatch(/^250 /);
    expect((await c.command("RCPT TO:<r0@example.com>"))[0]).toMatch(/^250 /);
    expect((await c.command("DATA"))[0]).toMatch(/^354 /);
    const tooBig = await c.command(`Subject: big\r\n\r\n${"x".repeat(998)}\r\n`.repeat(Math.ceil(MAX_BYTES / 1000) + 2) + ".");
    expect(tooBig).toEqual([`552 5.3.4 Message too big: the limit is ${MAX_BYTES} bytes`]);
    c.close();
  });
});
