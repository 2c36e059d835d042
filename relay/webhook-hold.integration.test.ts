// While the relay's main thread is busy, the webhook worker holds message events (they wait, at most
// WEBHOOK_MAX_HOLD_MS) and still sends the quiet events (alerts, credentials) at once
// (lib/webhooks/busy-hold.ts). A real relay, real SMTP, a real HTTP receiver; `busy` stands in for
// the main thread's load gauge (relay/acceptor-load.ts), which the test cannot drive on demand.
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetPassword } from "../lib/smtp-accounts/reset-password";
import { testActor } from "../lib/testing/test-actor";
import { databaseKinds } from "../lib/testing/test-database";
import { createWebhookEndpoint } from "../lib/webhooks/create-endpoint";
import { startWebhookReceiver, type WebhookReceiver } from "../lib/webhooks/testing/receiver";
import { openAuthenticated, sendRaw } from "./raw-smtp-client";
import { startRelayOn, type RunningRelay } from "./running-relay";
import { createTestAccount, type Creds } from "./testbed";
import { startWebhookWorker, type WebhookWorker } from "./webhook-worker";

const POLL = { timeout: 20_000, interval: 100 };

for (const kind of databaseKinds())
  describe(`webhook events held while the relay is busy (${kind})`, () => {
    let running: RunningRelay | undefined;
    let webhooks: WebhookWorker | undefined;
    let receiver: WebhookReceiver;
    let account: Creds;
    let busy = true;

    beforeAll(async () => {
      running = await startRelayOn(kind, { WEBHOOK_ALLOW_PRIVATE: "true", WEBHOOK_POLL_MS: "100" });
      receiver = await startWebhookReceiver();
      account = await createTestAccount(running.db, running.env, running.where);
    }, 120_000);

    afterEach(async () => {
      await webhooks?.stop();
      webhooks = undefined;
    });

    afterAll(async () => {
      await receiver?.close();
      await running?.stop();
    });

    const start = (maxHoldMs: number) => {
      const { env, db } = running!;
      webhooks = startWebhookWorker({ env: { ...env, WEBHOOK_MAX_HOLD_MS: maxHoldMs }, db, logger: pino({ level: "error" }), busy: () => busy });
    };

    const subscribe = async (path: string) => {
      const { env, db, where } = running!;
      await createWebhookEndpoint({ db, env, workspaceId: where.workspaceId, input: { url: receiver.url(path), eventTypes: ["message.accepted", "credentials.reset"], finalStateOnly: false }, actor: testActor() });
    };

    const send = async (subject: string) => {
      const { relay, bed } = running!;
      const session = await openAuthenticated(relay.ports().starttls, bed.certPem, account.username, account.password);
      try {
        expect(await sendRaw(session, "app@acme.test", "customer@example.com", Buffer.from(`From: app@acme.test\r\nSubject: ${subject}\r\n\r\nbody\r\n`))).toMatch(/^250 /);
      } finally {
        session.close();
      }
    };

    const reset = async () => {
      const { env, db, where } = running!;
      const view = await resetPassword({ db, env, workspaceId: where.workspaceId, accountId: account.id, actor: testActor() });
      account = { ...account, password: view.password };
    };

    const types = (path: string) => receiver.requests(path).map((r) => (JSON.parse(r.body) as { type: string }).type);

    it("sends a credentials event at once and the message event only once the relay is no longer busy", async () => {
      busy = true;
      await subscribe("/idle");
      start(600_000);
      await send("held: until idle");
      await reset();
      await expect.poll(() => types("/idle"), POLL).toContain("credentials.reset");
      // Passes every 100 ms went by: the message, accepted before the reset, is still held.
      await new Promise((r) => setTimeout(r, 1000));
      expect(types("/idle")).toEqual(["credentials.reset"]);
      busy = false;
      await expect.poll(() => types("/idle"), POLL).toEqual(["credentials.reset", "message.accepted"]);
    });

    it("sends held message events after WEBHOOK_MAX_HOLD_MS although the relay stays busy", async () => {
      busy = true;
      await subscribe("/capped");
      await send("held: capped");
      await reset();
      // Started once both events exist: the hold's clock starts with the worker's first pass.
      const startedAt = Date.now();
      start(3_000);
      await expect.poll(() => types("/capped"), POLL).toEqual(["credentials.reset", "message.accepted"]);
      const accepted = receiver.requests("/capped")[1]!;
      expect(accepted.at.getTime() - startedAt).toBeGreaterThanOrEqual(3_000);
    });
  });
