// The demo seed against a migrated database (SQLite, and PostgreSQL in CI), with the real relay and delivery worker:
// demo domains carry DKIM keys, so mail a seeded account sends reaches the sink signed and
// mailauth passes it against the record the Domains page shows; a few days of demo traffic are
// seeded once per workspace; seeding again changes nothing.
import fs from "node:fs";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import nodemailer from "nodemailer";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelayStore } from "../../relay/create-relay-store";
import { createRelay, type Relay } from "../../relay/server";
import { sinkPath, startDeliveryWorker, type DeliveryWorker } from "../../relay/delivery-worker";
import { decryptSecret } from "../credentials/encryption";
import { decryptStoredPassword } from "../credentials/stored-password";
import type { Db } from "../db";
import { type Env, parseEnv } from "../env";
import { listDomains } from "../domains/list-domains";
import { findFreePort } from "../testing/free-port";
import { describeEachDatabase } from "../testing/each-database";
import { createTestCertificate, type TestCertificate } from "../testing/test-env";
import { seedDemo } from "./demo";

let env: Env;
let db: Db;
let cert: TestCertificate;
let relay: Relay | undefined;
let worker: DeliveryWorker | undefined;
let closeStore: (() => Promise<void>) | undefined;

describeEachDatabase("the demo seed", { prefix: "migosmtp-seed-" }, (current) => {
  beforeAll(async () => {
    const database = current();
    db = database.db;
    cert = await createTestCertificate(database.dir);
    env = parseEnv({
      ...database.vars,
      LOG_LEVEL: "silent",
      SMTP_PUBLIC_HOST: "localhost",
      RELAY_TLS_CERT: cert.certFile,
      RELAY_TLS_KEY: cert.keyFile,
      RELAY_PORT: String(await findFreePort()),
      RELAY_TLS_PORT: String(await findFreePort()),
    });
    await seedDemo(db, env);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await relay?.close();
    await closeStore?.();
    [worker, relay, closeStore] = [undefined, undefined, undefined];
  });

  async function workspaceId(slug: string) {
    return (await db.workspace.findUniqueOrThrow({ where: { slug } })).id;
  }

  /** What the Domains page shows for a domain, as a DNS TXT answer for mailauth. */
  async function shownRecords(slug: string) {
    const views = await listDomains(db, { workspaceId: await workspaceId(slug), spfHost: env.SMTP_PUBLIC_HOST });
    const records = views.flatMap((v) => v.records);
    return (name: string, rr: string) => {
      const found = records.filter((r) => rr === "TXT" && r.name === name).map((r) => [r.value]);
      if (found.length === 0) return Promise.reject(Object.assign(new Error(`no ${rr} record at ${name}`), { code: "ENOTFOUND" }));
      return Promise.resolve(found);
    };
  }

  describe("demo domains", () => {
    it("acme.test and globex.test each have an active DKIM key, stored encrypted, and the Domains page shows its record", async () => {
      for (const [slug, name] of [["acme", "acme.test"], ["globex", "globex.test"]] as const) {
        const domain = await db.domain.findFirstOrThrow({ where: { workspaceId: await workspaceId(slug), name }, include: { dkimKeys: true } });
        expect(domain.dkimKeys).toHaveLength(1);
        const key = domain.dkimKeys[0]!;
        expect(key).toMatchObject({ status: "active", algorithm: "rsa-sha256" });
        expect(key.privateKeyCiphertext).not.toContain("PRIVATE KEY");
        expect(decryptSecret(key.privateKeyCiphertext, key.id, env.CREDENTIALS_KEYS)).toContain("BEGIN PRIVATE KEY");
        const view = (await listDomains(db, { workspaceId: domain.workspaceId, spfHost: "localhost" })).find((v) => v.name === name)!;
        const dkim = view.records.find((r) => r.purpose === "dkim")!;
        expect(dkim).toMatchObject({ name: `${key.selector}._domainkey.${name}`, value: `v=DKIM1; k=rsa; p=${key.publicKey}` });
      }
    });

    it("mail a seeded account sends through the relay reaches the sink DKIM-signed, and mailauth passes it against the record the Domains page shows", async () => {
      const store = await createRelayStore(env, db);
      closeStore = () => store.close();
      relay = createRelay({ env, db, store, logger: pino({ level: "silent" }), shutdownGraceMs: 1000 });
      await relay.listen();
      worker = startDeliveryWorker({ env, db, store, logger: pino({ level: "silent" }), idlePollMs: 100 });

      const account = await db.smtpAccount.findFirstOrThrow({ where: { workspaceId: await workspaceId("acme"), label: "Transactional mail" } });
      const password = decryptStoredPassword(account, env);
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: relay.ports().starttls,
        secure: false,
        requireTLS: true,
        auth: { user: account.username, pass: password },
        tls: { ca: [cert.certPem], servername: "localhost" },
      });
      await transport.sendMail({ from: "Acme <noreply@acme.test>", to: "customer@receiver.example", subject: "Signed demo mail", text: "Hello from the demo.\n" });
      const message = await db.message.findFirstOrThrow({ where: { accountId: account.id, subject: "Signed demo mail" } });
      const file = sinkPath(env.DATA_DIR, message.id);
      await expect.poll(() => fs.existsSync(file), { timeout: 15_000 }).toBe(true);
      const delivered = fs.readFileSync(file);
      expect(delivered.toString()).toMatch(/^DKIM-Signature: /);

      const key = await db.dkimKey.findFirstOrThrow({ where: { status: "active", domain: { name: "acme.test", workspaceId: account.workspaceId } } });
      const result = await dkimVerify(delivered, { resolver: await shownRecords("acme") });
      expect(result.results).toHaveLength(1);
      expect(result.results[0]).toMatchObject({ signingDomain: "acme.test", selector: key.selector, status: { result: "pass", aligned: "acme.test" } });
    }, 60_000);
  });

  describe("demo traffic", () => {
    it("fills the Delivery Logs with a few days of messages marked [Demo]: delivered, deferred, bounced and one held, each with recipients and a timeline", async () => {
      for (const slug of ["acme", "globex"]) {
        const messages = await db.message.findMany({ where: { workspaceId: await workspaceId(slug), subject: { startsWith: "[Demo] " } }, include: { recipients: true, attempts: true } });
        const statuses = new Set(messages.map((m) => m.status));
        for (const s of ["delivered", "deferred", "bounced"]) expect(statuses, `${slug}: ${s}`).toContain(s);
        expect(messages.every((m) => m.recipients.length === m.recipientCount && m.recipients.length > 0)).toBe(true);
        expect(messages.every((m) => m.attempts.some((a) => a.outcome === "accepted"))).toBe(true);
        const oldest = Math.min(...messages.map((m) => m.createdAt.getTime()));
        expect(Date.now() - oldest).toBeGreaterThan(2 * 86_400_000);
        expect(messages.every((m) => m.createdAt.getTime() <= Date.now())).toBe(true);
      }
      const acme = await db.message.findMany({ where: { workspaceId: await workspaceId("acme"), subject: { startsWith: "[Demo] " } }, include: { attempts: true } });
      expect(acme.filter((m) => m.status === "held")).toHaveLength(1);
      const bounced = acme.find((m) => m.status === "bounced")!;
      expect(bounced.lastReply).toMatch(/^5\d\d /);
      expect(bounced.attempts.map((a) => a.outcome)).toEqual(expect.arrayContaining(["accepted", "bounced"]));
    });

    it("gives deferred demo messages a next attempt far enough ahead that the delivery worker leaves them alone", async () => {
      const deferred = await db.message.findMany({ where: { status: "deferred", subject: { startsWith: "[Demo] " } } });
      expect(deferred.length).toBeGreaterThan(0);
      for (const m of deferred) expect(m.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    });

    it("records SMTP logins from two client addresses, successes and a few failures, and audit events", async () => {
      const ws = await workspaceId("acme");
      const logins = await db.loginEvent.findMany({ where: { workspaceId: ws } });
      expect(new Set(logins.map((l) => l.clientIp)).size).toBeGreaterThanOrEqual(2);
      expect(logins.filter((l) => l.success).length).toBeGreaterThan(0);
      expect(logins.filter((l) => !l.success && l.reason === "bad_credentials").length).toBeGreaterThanOrEqual(2);
      expect(logins.every((l) => l.accountId !== null || !l.success)).toBe(true);
      expect(await db.auditEvent.count({ where: { workspaceId: ws } })).toBeGreaterThanOrEqual(3);
    });

    it("shows a few alerts on the overview, already emailed (the relay sends nothing for them), one acknowledged", async () => {
      const alerts = await db.alert.findMany({ where: { workspaceId: await workspaceId("acme") }, select: { rule: true, notifiedAt: true, acknowledgedAt: true, evidence: true } });
      expect(alerts.map((a) => a.rule).sort()).toEqual(["auth_failures", "bounce_rate", "new_ip", "send_spike"]);
      expect(alerts.every((a) => a.notifiedAt !== null && JSON.parse(a.evidence).logs)).toBe(true);
      expect(alerts.filter((a) => a.acknowledgedAt !== null)).toHaveLength(1);
    });

    it("fills the suppression list with the demo's hard bounces, linked to their messages, and entries added by hand and imported", async () => {
      const ws = await workspaceId("acme");
      const rows = await db.suppression.findMany({ where: { workspaceId: ws }, orderBy: { address: "asc" } });
      expect(new Set(rows.map((r) => r.reason))).toEqual(new Set(["hard_bounce", "manual", "import"]));
      const bounce = rows.find((r) => r.address === "old.address@example.net")!;
      expect(bounce).toMatchObject({ reason: "hard_bounce", detail: expect.stringMatching(/^550 5\.1\.1 /) });
      expect(await db.message.findUnique({ where: { id: bounce.messageId! }, select: { status: true, firstRecipient: true } })).toEqual({ status: "bounced", firstRecipient: "old.address@example.net" });
      expect(await db.suppression.count({ where: { workspaceId: await workspaceId("globex"), reason: "hard_bounce" } })).toBe(1);
    });

    it("marks each demo account last used at its latest demo send or successful login", async () => {
      const ws = await workspaceId("acme");
      for (const account of await db.smtpAccount.findMany({ where: { workspaceId: ws }, select: { id: true, lastUsedAt: true } })) {
        const [message, login] = await Promise.all([
          // The demo's own rows (the relay test above sent a real message from 127.0.0.1).
          db.message.findFirst({ where: { accountId: account.id, subject: { startsWith: "[Demo] " } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
          db.loginEvent.findFirst({ where: { accountId: account.id, success: true, clientIp: { not: "127.0.0.1" } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
        ]);
        const latest = Math.max(message?.createdAt.getTime() ?? 0, login?.createdAt.getTime() ?? 0);
        expect(account.lastUsedAt?.getTime() ?? 0).toBe(latest);
      }
    });
  });

  describe("seeding again", () => {
    it("changes nothing: keys, passwords, messages, logins and audit events stay as they were", async () => {
      const snapshot = async () => ({
        keys: (await db.dkimKey.findMany({ orderBy: { id: "asc" } })).map((k) => `${k.id}:${k.privateKeyCiphertext}`),
        passwords: (await db.smtpAccount.findMany({ orderBy: { id: "asc" } })).map((a) => `${a.id}:${a.passwordCiphertext}`),
        messages: await db.message.count({ where: { subject: { startsWith: "[Demo] " } } }),
        logins: await db.loginEvent.count(),
        audit: await db.auditEvent.count(),
        alerts: await db.alert.count(),
        suppressions: await db.suppression.count(),
      });
      const before = await snapshot();
      await seedDemo(db, env);
      expect(await snapshot()).toEqual(before);
    });

    it("gives a demo domain seeded before demo DKIM keys existed its key, and nothing else", async () => {
      const ws = await workspaceId("globex");
      const domain = await db.domain.findFirstOrThrow({ where: { workspaceId: ws, name: "globex.test" } });
      await db.dkimKey.deleteMany({ where: { domainId: domain.id } });
      const messages = await db.message.count({ where: { workspaceId: ws } });
      await seedDemo(db, env);
      expect(await db.dkimKey.count({ where: { domainId: domain.id, status: "active" } })).toBe(1);
      expect(await db.message.count({ where: { workspaceId: ws } })).toBe(messages);
    });
  });
});
