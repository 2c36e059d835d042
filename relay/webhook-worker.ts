// The relay's webhook worker: every WEBHOOK_POLL_MS, one tailer pass (new rows → signed POSTs,
// recorded as WebhookDelivery rows, lib/webhooks/tail-events.ts) by the relay holding the sender
// lease (lib/webhooks/sender-lease.ts), then, at most once per WEBHOOK_POLL_MS, one dispatcher
// pass (retries due → signed POSTs, lib/webhooks/dispatch-deliveries.ts). Apart from the
// acceptance path: it only reads what the relay wrote, and with no enabled endpoint a pass is one
// small query. Passes never overlap; stop() waits for the one in flight (POSTs are bounded by
// WEBHOOK_TIMEOUT_MS). While the relay's main thread is busy (`busy`), first tries of message and
// attempt events wait, the oldest up to WEBHOOK_MAX_HOLD_MS (lib/webhooks/busy-hold.ts).
import os from "node:os";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { DISPATCH_BATCH, dispatchDueDeliveries } from "../lib/webhooks/dispatch-deliveries";
import type { Source } from "../lib/webhooks/event-sources";
import type { PassWriter } from "../lib/webhooks/record-pass";
import { createBusyHold } from "../lib/webhooks/busy-hold";
import { createSenderLease } from "../lib/webhooks/sender-lease";
import { createEventTailer } from "../lib/webhooks/tail-events";

export type WebhookWorkerEnv = Pick<Env, "CREDENTIALS_KEYS" | "WEBHOOK_ALLOW_PRIVATE" | "WEBHOOK_TIMEOUT_MS" | "WEBHOOK_RETRY_BASE_MS" | "WEBHOOK_POLL_MS" | "WEBHOOK_MAX_HOLD_MS" | "RELAY_INSTANCE_ID">;

export type WebhookWorker = { stop(): Promise<void>; readonly instance: string };

/** The pause between passes while behind. */
const BUSY_GAP_MS = 250;

/** `busy`: whether the relay's main thread is busy now (relay/acceptor-load.ts); without it, never. */
export function startWebhookWorker({ env, db, logger, write, sources, busy = () => false }: { env: WebhookWorkerEnv; db: Db; logger: Logger; write?: PassWriter; sources?: Source[]; busy?: () => boolean }): WebhookWorker {
  const instance = `${env.RELAY_INSTANCE_ID ?? `${os.hostname()}-${process.pid}`}-webhooks-${randomBytes(3).toString("hex")}`;
  const tailer = createEventTailer(db, { send: { env }, write, sources, fullPassEveryMs: env.WEBHOOK_POLL_MS });
  const lease = createSenderLease(db, instance);
  const hold = createBusyHold(env.WEBHOOK_MAX_HOLD_MS, busy);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let lastDispatch = 0;
  let held = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };

  const run = () => {
    timer = null;
    running = pass()
      .catch((error: unknown) => {
        logger.error({ event: "webhooks", err: error }, "webhook pass failed");
        return false;
      })
      .then((more) => {
        running = null;
        // Behind (a full page read or claimed): go again soon, but not at once. Each pass is a few
        // write transactions on the database the relay accepts mail into; back-to-back passes
        // made many small ones (each a commit the relay's writer waited behind) where one pass a
        // quarter second later takes the same events in one.
        schedule(more ? Math.min(BUSY_GAP_MS, env.WEBHOOK_POLL_MS) : env.WEBHOOK_POLL_MS);
      });
  };

  async function pass(): Promise<boolean> {
    // Another relay sends first tries: this one only takes its share of the retries.
    let tail = { endpoints: 1, queued: 0, more: false };
    if (await lease.held()) {
      const holdBusy = hold.holding(Date.now());
      if (holdBusy !== held) logger.debug({ event: "webhooks" }, holdBusy ? "message events held: the relay is busy accepting mail" : "message events sent again");
      held = holdBusy;
      tail = await tailer.pass(new Date(), { holdBusy });
      if (!holdBusy) hold.passed(tail.more);
    }
    // No enabled endpoint anywhere: nothing is due either (deliveries go to enabled endpoints only).
    if (tail.endpoints === 0) return false;
    if (tail.queued > 0) logger.debug({ event: "webhooks", sent: tail.queued }, "webhook events sent");
    // Retries are due seconds apart at the least: looking once per poll interval is enough, also
    // while the tailer runs passes back to back to catch up (the claim query is not free).
    if (Date.now() - lastDispatch < env.WEBHOOK_POLL_MS) return tail.more;
    lastDispatch = Date.now();
    const sent = await dispatchDueDeliveries({ db, env, instance });
    if (sent.claimed > 0) logger.info({ event: "webhooks", claimed: sent.claimed, delivered: sent.delivered }, "webhook deliveries sent");
    if (sent.claimed === DISPATCH_BATCH) lastDispatch = 0;
    return tail.more || sent.claimed === DISPATCH_BATCH;
  }

  schedule(0);
  return {
    instance,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await lease.release().catch((error: unknown) => logger.warn({ event: "webhooks", err: error }, "could not release the webhook sender lease"));
    },
  };
}
