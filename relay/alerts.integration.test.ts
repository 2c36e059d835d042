// Anomaly alerts end to end, on SQLite and PostgreSQL: real SMTP traffic against a real relay
// (its login-event writer, delivery worker and housekeeping, whose evaluator polls every 200 ms),
// a loopback smarthost standing in for the upstream (it accepts mail, and refuses
// every bounce…@example.com with 550). For each rule: drive it, then see the Alert stored and its email
// delivered to the owners and admins, and its alert.raised webhook received with a signature the
// Standard Webhooks library verifies (expectAlertRaised). Thresholds are shortened through
// AlertRule rows, never by waiting.
//
// A second source address: the "other" client binds to 127.0.0.2 (loopback on Linux too). The
// new-IP rule compares each IPv4 address by default; a workspace comparing /24s needs 127.0.2.2.
import nodemailer from "nodemailer";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeAlert } from "../lib/alerts/acknowledge-alert";
import { setAlertOptOuts } from "../lib/alerts/alert-settings";
import { raiseAlert } from "../lib/alerts/raise-alert";
import { releaseAlertHold } from "../lib/alerts/release-alert-hold";
import { reportCompromise } from "../lib/incidents/report-compromise";
import { alertSubject } from "../lib/alerts/notify-alerts";
import type { AlertRuleId } from "../lib/alerts/rules";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { testActor } from "../lib/testing/test-actor";
import { databaseKinds } from "../lib/testing/test-database";
import { createRelayStore } from "./create-relay-store";
import { startDeliveryWorker } from "./delivery-worker";
import { startHousekeeping, type Housekeeping } from "./housekeeping";
import { createLoginEventWriter, type LoginEventWriter } from "./login-events";
import type { RelayStore } from "./relay-store";
import { createRelay, type Relay } from "./server";
import { createWebhookEndpoint } from "../lib/webhooks/create-endpoint";
import { startWebhookReceiver, type WebhookReceiver } from "../lib/webhooks/testing/receiver";
import { startWebhookWorker, type WebhookWorker } from "./webhook-worker";
import { createTestAccount, createTestbedOn, seedWorkspace, type Creds, type Testbed } from "./testbed";
import { testSmarthost, type TestSmarthost } from "./test-smarthost";

const HOME = "127.0.0.1";
const ELSEWHERE = "127.0.0.2";
const OTHER_NETWORK = "127.0.2.2";
const logger = pino({ level: "silent" });

/** The upstream: every bounce…@example.com has no mailbox (550 5.1.1). */
const smarthost = () => testSmarthost({ refuse: (address) => (address.startsWith("bounce") ? { code: 550, text: "5.1.1 No such user here" } : null) });

for (const kind of databaseKinds())
  describe(`anomaly alerts through the relay (${kind})`, () => {
    let bed: Testbed;
    let env: Env;
    let db: Db;
    let drop: (() => Promise<void>) | undefined;
    let store: RelayStore;
    let relay: Relay;
    let loginEvents: LoginEventWriter;
    let worker: ReturnType<typeof startDeliveryWorker>;
    let housekeeping: Housekeeping;
    let upstream: TestSmarthost;
    let where: { workspaceId: string; domainId: string };
    let receiver: WebhookReceiver;
    let webhooks: WebhookWorker;
    /** Each workspace's webhook endpoint secret (its endpoint's path is the workspace id). */
    const secrets = new Map<string, string>();

    /** A workspace with an owner, an admin and a developer (who gets no alert email), and a webhook endpoint for alert.raised. */
    async function workspaceWithPeople() {
      const w = await seedWorkspace(db);
      for (const role of ["owner", "admin", "developer"]) {
        const email = `${role}-${w.workspaceId}@acme.test`;
        const user = await db.user.create({ data: { issuer: "test", subject: email, email, emailVerified: true } });
        await db.membership.create({ data: { workspaceId: w.workspaceId, userId: user.id, role } });
      }
      const { secret } = await createWebhookEndpoint({ db, env, workspaceId: w.workspaceId, input: { url: receiver.url(`/${w.workspaceId}`), eventTypes: ["alert.raised"], finalStateOnly: false }, actor: testActor() });
      secrets.set(w.workspaceId, secret);
      return w;
    }

    beforeAll(async () => {
      upstream = smarthost();
      await upstream.listen();
      ({ bed, db, drop } = await createTestbedOn(kind, {
        LOG_LEVEL: "silent",
        ALERTS_POLL_MS: "200",
        WEBHOOK_ALLOW_PRIVATE: "true",
        WEBHOOK_POLL_MS: "100",
        AUTH_MAX_FAILURES: "1000",
        AUTH_IP_MAX_FAILURES: "1000",
        RELAY_UPSTREAM_URL: `smtp://127.0.0.1:${upstream.port()}`,
      }));
      env = bed.env;
      receiver = await startWebhookReceiver();
      webhooks = startWebhookWorker({ env, db, logger });
      where = await workspaceWithPeople();
      await db.alertRule.createMany({
        data: [
          { workspaceId: where.workspaceId, rule: "auth_failures", threshold: 3 },
          { workspaceId: where.workspaceId, rule: "send_spike", threshold: 3, minimum: 5 },
          { workspaceId: where.workspaceId, rule: "bounce_rate", threshold: 0.5, minimum: 4 },
        ],
      });
      store = await createRelayStore(env, db);
      loginEvents = createLoginEventWriter(db, { intervalMs: 100 });
      relay = createRelay({ env, db, store, logger, loginEvents, shutdownGraceMs: 1000 });
      await relay.listen();
      worker = startDeliveryWorker({ env, db, store, logger, idlePollMs: 100 });
      housekeeping = startHousekeeping({ env, db, logger, pollMs: 60_000 });
    }, 120_000);

    afterAll(async () => {
      await webhooks?.stop();
      await receiver?.close();
      await housekeeping?.stop();
      await worker?.stop();
      await relay?.close();
      await loginEvents?.stop();
      await store?.close();
      await upstream?.close();
      await drop?.();
    });

    const transport = (creds: Creds, localAddress = HOME, password = creds.password) =>
      nodemailer.createTransport({
        host: "127.0.0.1",
        port: relay.ports().starttls,
        secure: false,
        requireTLS: true,
        localAddress,
        auth: { user: creds.username, pass: password },
        tls: { ca: [bed.certPem], servername: "localhost" },
      });

    async function send(creds: Creds, subject: string, options: { from?: string; to?: string } = {}): Promise<string> {
      const info = await transport(creds, options.from).sendMail({ from: "app@acme.test", to: options.to ?? "alice@example.com", subject, text: `body of ${subject}` });
      return /queued as (\S+)$/.exec(info.response)![1]!;
    }

    /**
     * The one place that says what a raised alert looks like from outside: the Alert row is
     * stored, and its email reached the workspace's owner and admin (not the developer) through
     * the relay's delivery path, and its alert.raised webhook reached the workspace's endpoint
     * with a signature the Standard Webhooks library verifies (receiver.verified throws otherwise).
     */
    async function expectAlertRaised(workspaceId: string, rule: AlertRuleId, match: { accountId?: string | null; dedupKey?: string } = {}, emailed = ["admin", "owner"]) {
      const find = () => db.alert.findFirst({ where: { workspaceId, rule, ...match } });
      await expect.poll(async () => (await find())?.notifiedAt ?? null, { timeout: 15_000, interval: 100 }).not.toBeNull();
      const alert = (await find())!;
      const subject = `Subject: ${alertSubject(alert.title)}`;
      const people = emailed.map((role) => `${role}-${workspaceId}@acme.test`);
      const email = () => upstream.received.find((m) => m.raw.includes(subject) && m.to.some((to) => people.includes(to)));
      await expect.poll(() => email()?.to.sort() ?? null, { timeout: 15_000, interval: 100 }).toEqual(people);
      const hook = () => receiver.verified(`/${workspaceId}`, secrets.get(workspaceId)!).find((e) => e.type === "alert.raised" && (e.data.alert as { id: string }).id === alert.id);
      await expect.poll(() => hook()?.data.alert ?? null, { timeout: 15_000, interval: 100 }).toMatchObject({ id: alert.id, rule, title: alert.title });
      expect(JSON.parse(alert.evidence)).toHaveProperty("logs");
      return alert;
    }

    const loginStored = (accountId: string, clientIp: string) =>
      expect.poll(() => db.loginEvent.count({ where: { accountId, clientIp, success: true } }), { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);

    it("new_ip: a sign-in from an address the account has not used in 30 days alerts; its very first sign-in does not", async () => {
      const creds = await createTestAccount(db, env, where);
      await send(creds, "from home");
      await loginStored(creds.id, HOME);
      await send({ ...creds }, "from elsewhere", { from: ELSEWHERE });
      const alert = await expectAlertRaised(where.workspaceId, "new_ip", { accountId: creds.id });
      expect(alert.dedupKey).toBe(`${creds.id}|127.0.0.2/32`);
      expect(JSON.parse(alert.evidence)).toMatchObject({ clientIp: ELSEWHERE, network: "127.0.0.2/32", previousIp: HOME, logs: { account: creds.id, ip: ELSEWHERE } });
      expect(await db.alert.count({ where: { accountId: creds.id, rule: "new_ip" } })).toBe(1);
    });

    it("new_ip: a workspace that compares /24s is not alerted by another address of the same /24, and is by another /24", async () => {
      const w = await workspaceWithPeople();
      await db.alertRule.create({ data: { workspaceId: w.workspaceId, rule: "new_ip", minimum: 24 } });
      const creds = await createTestAccount(db, env, w);
      await send(creds, "from home");
      await loginStored(creds.id, HOME);
      await send(creds, "same /24", { from: ELSEWHERE });
      await loginStored(creds.id, ELSEWHERE);
      await send(creds, "another /24", { from: OTHER_NETWORK });
      const alert = await expectAlertRaised(w.workspaceId, "new_ip", { accountId: creds.id });
      expect(JSON.parse(alert.evidence)).toMatchObject({ clientIp: OTHER_NETWORK, network: "127.0.2.0/24" });
      expect(await db.alert.count({ where: { accountId: creds.id, rule: "new_ip" } })).toBe(1);
    });

    it("auth_failures: more failed AUTHs for one account than the threshold within 10 minutes alerts", async () => {
      const creds = await createTestAccount(db, env, where);
      for (let i = 0; i < 4; i++) await expect(transport(creds, HOME, "wrong-password-0123456789abcdef").verify()).rejects.toMatchObject({ code: "EAUTH" });
      const alert = await expectAlertRaised(where.workspaceId, "auth_failures", { accountId: creds.id });
      expect(JSON.parse(alert.evidence)).toMatchObject({ failures: 4, threshold: 3, logs: { account: creds.id } });
    });

    it("send_spike: more sends this hour than k × the 7-day hourly p95 and the floor alerts", async () => {
      const creds = await createTestAccount(db, env, where);
      for (let i = 0; i < 6; i++) await send(creds, `burst ${i}`);
      const alert = await expectAlertRaised(where.workspaceId, "send_spike", { accountId: creds.id });
      expect(JSON.parse(alert.evidence)).toMatchObject({ limit: 5, baselineP95: 0, floor: 5, k: 3 });
    });

    it("bounce_rate: a bounced share of the last N finished messages above the threshold alerts", async () => {
      const creds = await createTestAccount(db, env, where);
      // Each bounce to an address of its own: a hard bounce puts the address on the suppression list.
      for (let i = 0; i < 4; i++) await send(creds, `to nobody ${i}`, { to: i === 0 ? "alice@example.com" : `bounce-${i}-${creds.id}@example.com` });
      const alert = await expectAlertRaised(where.workspaceId, "bounce_rate", { accountId: creds.id });
      expect(JSON.parse(alert.evidence)).toMatchObject({ failed: 3, lookedAt: 4, share: 0.75, logs: { account: creds.id, status: "bounced" } });
    });

    it("old_password_version: a message stored under a replaced password version alerts", async () => {
      const creds = await createTestAccount(db, env, where);
      await db.smtpAccount.update({ where: { id: creds.id }, data: { passwordVersion: 2, passwordChangedAt: new Date(Date.now() - 60_000) } });
      // The relay refuses this inside its commit transaction (it must never happen through
      // SMTP), so the test writes the row the way a broken writer would.
      await db.message.create({
        data: {
          workspaceId: where.workspaceId,
          accountId: creds.id,
          passwordVersion: 1,
          clientIp: HOME,
          envelopeFrom: "app@acme.test",
          sizeBytes: 1,
          recipientCount: 1,
          firstRecipient: "alice@example.com",
          status: "delivered",
        },
      });
      const alert = await expectAlertRaised(where.workspaceId, "old_password_version", { accountId: creds.id });
      expect(JSON.parse(alert.evidence)).toMatchObject({ storedVersion: 1, currentVersion: 2 });
    });

    it("auto-hold: after a new-IP alert the account's next message is held, and Release delivers it", async () => {
      const held = await workspaceWithPeople();
      await db.alertRule.create({ data: { workspaceId: held.workspaceId, rule: "new_ip", autoHold: true } });
      const creds = await createTestAccount(db, env, held);
      await send(creds, "before, from home");
      await loginStored(creds.id, HOME);
      await send(creds, "before, from elsewhere", { from: ELSEWHERE });
      const alert = await expectAlertRaised(held.workspaceId, "new_ip", { accountId: creds.id });
      expect(alert.holdApplied).toBe(true);
      expect(await db.smtpAccount.findUniqueOrThrow({ where: { id: creds.id }, select: { holdAlertId: true } })).toEqual({ holdAlertId: alert.id });
      expect(await db.auditEvent.count({ where: { workspaceId: held.workspaceId, action: "alert.auto_hold", targetId: creds.id } })).toBe(1);

      const id = await send(creds, "after the alert", { from: ELSEWHERE });
      const message = await db.message.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { createdAt: "asc" } } } });
      expect(message).toMatchObject({ status: "held", alertId: alert.id, incidentId: null });
      expect(message.attempts.map((a) => a.outcome)).toEqual(["accepted", "held"]);
      expect(upstream.received.some((m) => m.raw.includes("Subject: after the alert"))).toBe(false);

      // The message of the session that raised the alert is held too when the alert lands before
      // that message's batch commits (seen under a loaded CI run): release takes every held one.
      const heldBefore = await db.message.count({ where: { accountId: creds.id, status: "held" } });
      expect(heldBefore).toBeGreaterThanOrEqual(1);
      const { released } = await releaseAlertHold({ db, workspaceId: held.workspaceId, alertId: alert.id, actor: testActor() });
      expect(released).toBe(heldBefore);
      await expect.poll(() => upstream.received.some((m) => m.raw.includes("Subject: after the alert")), { timeout: 15_000, interval: 100 }).toBe(true);
      // The worker records the outcome after the upstream's answer: wait for it, not only the send.
      await expect.poll(async () => (await db.message.findUniqueOrThrow({ where: { id } })).status, { timeout: 15_000, interval: 100 }).toBe("delivered");
      expect(await db.smtpAccount.findUniqueOrThrow({ where: { id: creds.id }, select: { holdNewMailSince: true, holdAlertId: true } })).toEqual({ holdNewMailSince: null, holdAlertId: null });
      const next = await send(creds, "after the release", { from: ELSEWHERE });
      expect((await db.message.findUniqueOrThrow({ where: { id: next } })).status).not.toBe("held");
    });

    it("emails no one who opted out of the rule", async () => {
      const w = await workspaceWithPeople();
      const admin = await db.membership.findFirstOrThrow({ where: { workspaceId: w.workspaceId, role: "admin" } });
      await setAlertOptOuts({ db, workspaceId: w.workspaceId, userId: admin.userId, optedOut: ["old_password_version"] });
      const creds = await createTestAccount(db, env, w);
      await db.smtpAccount.update({ where: { id: creds.id }, data: { passwordVersion: 2, passwordChangedAt: new Date(Date.now() - 60_000) } });
      // Written directly, as above: the relay never stores this.
      await db.message.create({
        data: { workspaceId: w.workspaceId, accountId: creds.id, passwordVersion: 1, clientIp: HOME, envelopeFrom: "app@acme.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "a@example.com", status: "delivered" },
      });
      await expectAlertRaised(w.workspaceId, "old_password_version", { accountId: creds.id }, ["owner"]);
    });

    it("Report compromise on an account an alert holds: the incident takes the held messages over and the hold ends", async () => {
      const w = await workspaceWithPeople();
      const creds = await createTestAccount(db, env, w);
      const raised = await raiseAlert({
        db,
        autoHold: true,
        candidate: { workspaceId: w.workspaceId, accountId: creds.id, rule: "new_ip", dedupKey: `${creds.id}|x`, at: new Date(), title: "t", evidence: { logs: { from: "", to: "" } } },
      });
      expect(raised).toMatchObject({ created: true, holdApplied: true });
      const id = await send(creds, "held before the report");
      expect((await db.message.findUniqueOrThrow({ where: { id } })).status).toBe("held");

      const ws = await db.workspace.findUniqueOrThrow({ where: { id: w.workspaceId } });
      const { incidentId } = await reportCompromise({ db, env, workspace: ws, accountId: creds.id, actor: testActor() });
      expect(await db.message.findUniqueOrThrow({ where: { id }, select: { status: true, incidentId: true } })).toEqual({ status: "held", incidentId });
      expect(await db.smtpAccount.findUniqueOrThrow({ where: { id: creds.id }, select: { holdNewMailSince: true, holdAlertId: true } })).toEqual({ holdNewMailSince: null, holdAlertId: null });
    });

    it("acknowledges an alert once, audited", async () => {
      const w = await workspaceWithPeople();
      const alert = await db.alert.create({ data: { workspaceId: w.workspaceId, rule: "send_spike", dedupKey: "k", hourStart: new Date(0), title: "t", evidence: "{}" } });
      const actor = testActor();
      const first = await acknowledgeAlert({ db, workspaceId: w.workspaceId, alertId: alert.id, actor });
      const again = await acknowledgeAlert({ db, workspaceId: w.workspaceId, alertId: alert.id, actor });
      expect(again.acknowledgedAt).toEqual(first.acknowledgedAt);
      expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id }, select: { acknowledgedById: true } })).toEqual({ acknowledgedById: actor.id });
      expect(await db.auditEvent.count({ where: { workspaceId: w.workspaceId, action: "alert.acknowledge" } })).toBe(1);
      await expect(acknowledgeAlert({ db, workspaceId: where.workspaceId, alertId: alert.id, actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("releases nothing of another workspace's alert (tenancy)", async () => {
      const other = await workspaceWithPeople();
      const alert = await db.alert.create({ data: { workspaceId: other.workspaceId, rule: "new_ip", dedupKey: "x", hourStart: new Date(0), title: "t", evidence: "{}" } });
      await expect(releaseAlertHold({ db, workspaceId: where.workspaceId, alertId: alert.id, actor: testActor() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });
