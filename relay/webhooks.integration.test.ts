// Signed webhooks end to end, on SQLite and PostgreSQL: a real relay, its delivery worker and its
// webhook worker, mail sent with real SMTP, and a test HTTP server on 127.0.0.1 that checks every
// request with the kept Standard Webhooks library (Webhook.verify).
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { resetPassword } from "../lib/smtp-accounts/reset-password";
import { testActor } from "../lib/testing/test-actor";
import { databaseKinds } from "../lib/testing/test-database";
import { createWebhookEndpoint } from "../lib/webhooks/create-endpoint";
import { MESSAGE_EVENT_TYPES, type WebhookEventType } from "../lib/webhooks/events";
import { replayWebhookDelivery } from "../lib/webhooks/replay-delivery";
import { startWebhookReceiver, type WebhookReceiver } from "../lib/webhooks/testing/receiver";
import { startDeliveryWorker, type DeliveryWorker } from "./delivery-worker";
import { RawSmtp } from "./raw-smtp";
import { startRelayOn } from "./running-relay";
import type { Relay } from "./server";
import { createTestAccount, type Creds, type Testbed } from "./testbed";
import { startWebhookWorker, type WebhookWorker } from "./webhook-worker";

const POLL = { timeout: 20_000, interval: 100 };

for (const kind of databaseKinds())
  describe(`signed webhooks from the relay (${kind})`, () => {
    let bed: Testbed;
    let db: Db;
    let env: Env;
    let relay: Relay;
    let where: { workspaceId: string; domainId: string };
    let stop: (() => Promise<void>) | undefined;
    let worker: DeliveryWorker | undefined;
    let webhooks: WebhookWorker | undefined;
    let receiver: WebhookReceiver;
    let account: Creds;

    beforeAll(async () => {
      const running = await startRelayOn(kind, { WEBHOOK_ALLOW_PRIVATE: "true", WEBHOOK_POLL_MS: "100", WEBHOOK_RETRY_BASE_MS: "50" });
      ({ stop, bed, db, env, where, relay } = running);
      // Errors only (a failed webhook pass, a failed delivery worker pass): printed with the test's
      // output, so a timed-out expectation below says what the worker met.
      const logger = pino({ level: "error" });
      worker = startDeliveryWorker({ env, db, store: running.store, logger, idlePollMs: 100 });
      webhooks = startWebhookWorker({ env, db, logger });
      receiver = await startWebhookReceiver();
      account = await createTestAccount(db, env, where);
    }, 120_000);

    afterAll(async () => {
      await webhooks?.stop();
      await worker?.stop();
      await receiver?.close();
      await stop?.();
    });

    const endpoint = (path: string, eventTypes: readonly WebhookEventType[], finalStateOnly = false) =>
      createWebhookEndpoint({ db, env, workspaceId: where.workspaceId, input: { url: receiver.url(path), eventTypes: [...eventTypes], finalStateOnly }, actor: testActor() });

    /** Sends one message with real SMTP (STARTTLS + AUTH); returns the relay's message id. */
    const send = async (subject: string): Promise<string> => {
      const c = await RawSmtp.secured({ port: relay.ports().starttls, ca: bed.certPem });
      try {
        expect(await c.authLogin(account.username, account.password)).toMatch(/^235 /);
        expect((await c.command("MAIL FROM:<app@acme.test>"))[0]).toMatch(/^250 /);
        expect((await c.command("RCPT TO:<customer@example.com>"))[0]).toMatch(/^250 /);
        expect((await c.command("DATA"))[0]).toMatch(/^354 /);
        expect((await c.command(`From: app@acme.test\r\nSubject: ${subject}\r\n\r\nbody\r\n.`))[0]).toMatch(/^250 /);
      } finally {
        c.close();
      }
      const message = await db.message.findFirstOrThrow({ where: { workspaceId: where.workspaceId, subject }, select: { id: true } });
      return message.id;
    };

    it("posts message.accepted and message.delivered for a message sent with SMTP, each signed and verified by the Standard Webhooks library", async () => {
      const { secret } = await endpoint("/all", MESSAGE_EVENT_TYPES);
      const id = await send("webhooks: accepted and delivered");
      await expect.poll(() => receiver.verified("/all", secret).filter((e) => (e.data.message as { id: string }).id === id).map((e) => e.type).sort(), POLL).toEqual([
        "message.accepted",
        "message.delivered",
      ]);
      const events = receiver.verified("/all", secret).filter((e) => (e.data.message as { id: string }).id === id);
      for (const event of events) {
        expect(event.webhookId).toBe(event.id);
        expect(event.workspace.id).toBe(where.workspaceId);
        expect(event.data.message).toMatchObject({ id, account: { id: account.id, username: account.username }, envelopeFrom: "app@acme.test", recipients: ["customer@example.com"], subject: "webhooks: accepted and delivered" });
      }
      expect(events.find((e) => e.type === "message.accepted")!.data.reply).toMatch(/^250 /);
      expect(JSON.stringify(events)).not.toContain(account.password);
      // A wrong secret does not verify.
      expect(() => receiver.verified("/all", `whsec_${Buffer.alloc(32, 1).toString("base64")}`)).toThrow();
    });

    it("retries an endpoint that answers 500 three times and delivers the event once it recovers, under one webhook-id", async () => {
      receiver.answer("/flaky", [500, 500, 500]);
      const { id: endpointId, secret } = await endpoint("/flaky", ["message.delivered"]);
      const id = await send("webhooks: flaky endpoint");
      await expect.poll(() => receiver.requests("/flaky").map((r) => r.status), POLL).toEqual([500, 500, 500, 200]);
      const ids = new Set(receiver.requests("/flaky").map((r) => r.headers["webhook-id"]));
      expect(ids.size).toBe(1);
      expect(receiver.verified("/flaky", secret).at(-1)).toMatchObject({ type: "message.delivered", data: { message: { id } } });
      // Tries are recorded once answered, just after the receiver saw them.
      await expect.poll(() => db.webhookDelivery.findFirst({ where: { endpointId }, select: { status: true, attemptCount: true, lastStatus: true } }), POLL).toEqual({ status: "delivered", attemptCount: 4, lastStatus: 200 });
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId }, include: { attempts: { orderBy: { createdAt: "asc" } } } });
      expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
    });

    it("replays a delivery with the same webhook-id and records the attempt as a replay", async () => {
      const { id: endpointId, secret } = await endpoint("/replay", ["message.accepted"]);
      await send("webhooks: replay");
      await expect.poll(() => receiver.requests("/replay").length, POLL).toBe(1);
      await expect.poll(() => db.webhookDelivery.count({ where: { endpointId } }), POLL).toBe(1);
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId } });
      const outcome = await replayWebhookDelivery({ db, env, workspaceId: where.workspaceId, deliveryId: delivery.id, actor: testActor() });
      expect(outcome).toMatchObject({ ok: true, statusCode: 200 });
      const [first, again] = receiver.verified("/replay", secret);
      expect(again!.webhookId).toBe(first!.webhookId);
      expect(again!.id).toBe(delivery.eventId);
      expect((await db.webhookAttempt.findMany({ where: { deliveryId: delivery.id }, orderBy: { createdAt: "asc" } })).map((a) => a.replay)).toEqual([true]);
    });

    it("refuses to replay a delivery of another workspace", async () => {
      const { id: endpointId } = await endpoint("/tenancy", ["message.accepted"]);
      await send("webhooks: tenancy");
      await expect.poll(() => db.webhookDelivery.count({ where: { endpointId } }), POLL).toBe(1);
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId } });
      const other = await db.workspace.create({ data: { slug: `other-${delivery.id.slice(-6)}`, name: "Other" } });
      await expect(replayWebhookDelivery({ db, env, workspaceId: other.id, deliveryId: delivery.id, actor: testActor() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("sends a final-state-only endpoint one event per message", async () => {
      const { id: endpointId, secret } = await endpoint("/final", MESSAGE_EVENT_TYPES, true);
      const { secret: allSecret } = await endpoint("/every", MESSAGE_EVENT_TYPES);
      const ids = [await send("webhooks: final 1"), await send("webhooks: final 2")];
      // Once the ordinary endpoint has both deliveries, every row of both messages has been tailed.
      const delivered = () => receiver.verified("/every", allSecret).filter((e) => e.type === "message.delivered").map((e) => (e.data.message as { id: string }).id);
      await expect.poll(() => ids.every((id) => delivered().includes(id)), POLL).toBe(true);
      // (A message sent by an earlier test may still be delivered after this endpoint was made: only these two count.)
      const ours = () => receiver.verified("/final", secret).filter((e) => ids.includes((e.data.message as { id: string }).id));
      await expect.poll(() => ours().length, POLL).toBe(2);
      expect(ours().map((e) => e.type)).toEqual(["message.delivered", "message.delivered"]);
      expect(ours().map((e) => (e.data.message as { id: string }).id).sort()).toEqual([...ids].sort());
      expect(receiver.verified("/final", secret).every((e) => e.type === "message.delivered")).toBe(true);
      // The delivery log is written once the pass's POSTs are answered, just after the receiver saw them.
      const rows = async () => (await db.webhookDelivery.findMany({ where: { endpointId }, select: { payload: true } })).filter((r) => ids.some((id) => r.payload.includes(id)));
      await expect.poll(async () => (await rows()).length, POLL).toBe(2);
    });

    it("posts credentials.reset with the account and the actor, never the password", async () => {
      const { secret } = await endpoint("/credentials", ["credentials.reset"]);
      const actor = testActor({ email: "owner@acme.test" });
      const view = await resetPassword({ db, env, workspaceId: where.workspaceId, accountId: account.id, actor });
      await expect.poll(() => receiver.requests("/credentials").length, POLL).toBe(1);
      const [event] = receiver.verified("/credentials", secret);
      expect(event).toMatchObject({ type: "credentials.reset", data: { account: { id: account.id, username: account.username }, actor: { id: actor.id, email: "owner@acme.test" } } });
      expect(receiver.requests("/credentials")[0]!.body).not.toContain(view.password);
      account = { ...account, password: view.password };
    });
  });
