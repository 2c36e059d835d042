// Starts the webhook thread (relay/webhook-thread.ts) once the database holds an enabled
// endpoint — until then the relay pays one small query per WEBHOOK_POLL_MS, not a thread with its
// own database client — and stops it with the relay.
import { Worker, type MessagePort, type ResourceLimits } from "node:worker_threads";
import type { Logger } from "pino";
import type { Db } from "../lib/db";

export type WebhookHost = { stop(): Promise<void> };

/**
 * The thread's heap, kept small: with V8's defaults its young generation and a lazily collected
 * old one grew the relay's RSS by ~145 MB under an endpoint subscribed to every event (~75 MB
 * with these); a pass holds a few MB (2,000 bodies at most).
 */
const THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 128 };

/**
 * `writerPort`: a new port to the relay store's writer for each thread started (SQLite: relay/webhook-writes.ts).
 * `acceptorLoad`: the main thread's load (relay/acceptor-load.ts), so the thread holds events while it is busy.
 */
export function startWebhookHost({ db, logger, pollMs, writerPort, acceptorLoad }: { db: Db; logger: Logger; pollMs: number; writerPort?: () => MessagePort; acceptorLoad?: SharedArrayBuffer }): WebhookHost {
  let thread: Worker | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const start = () => {
    const port = writerPort?.();
    const started = new Worker(new URL("./webhook-thread.mjs", import.meta.url), { resourceLimits: THREAD_LIMITS, workerData: { writerPort: port, acceptorLoad }, transferList: port ? [port] : [] });
    thread = started;
    started.on("error", (err) => logger.error({ event: "webhooks", err }, "webhook thread failed"));
    // A thread that ends on its own (an error, or out of memory) is started again; its events
    // are still after its cursors, so none is lost.
    started.on("exit", () => {
      if (stopped || thread !== started) return;
      thread = null;
      logger.warn({ event: "webhooks" }, "webhook thread ended; starting it again");
      timer = setTimeout(() => void check(), pollMs);
      timer.unref();
    });
    logger.info({ event: "webhooks" }, "webhook thread started");
  };

  const check = async () => {
    timer = null;
    try {
      if (!stopped && (await db.webhookEndpoint.count({ where: { enabled: true } })) > 0) return start();
    } catch (err) {
      logger.warn({ event: "webhooks", err }, "could not look for webhook endpoints");
    }
    if (!stopped) {
      timer = setTimeout(() => void check(), pollMs);
      timer.unref();
    }
  };
  void check();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const running = thread;
      if (!running) return;
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        running.once("message", done);
        running.once("exit", done);
        running.postMessage("stop");
      });
      await running.terminate();
    },
  };
}
