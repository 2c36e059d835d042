// Entry point of the relay process: `tsx relay/main.ts` (npm run relay). Start-up problems are
// one line on stderr and exit code 1; SIGTERM/SIGINT stop accepting, let transactions in flight
// finish (bounded), flush, disconnect the database and exit 0.
import { createDb } from "../lib/db";
import { ConfigError, getEnv, type Env } from "../lib/env";
import type http from "node:http";
import { createLastUsedTracker } from "./last-used";
import { createLoginEventWriter } from "./login-events";
import { createRelayLogger } from "./logger";
import { createRelayMetrics, startMetricsServer } from "./metrics";
import { createRelayStore } from "./create-relay-store";
import type { RelayStore } from "./relay-store";
import { createRelay, RelayStartError } from "./server";
import { startDeliveryWorker } from "./delivery-worker";
import { startHousekeeping } from "./housekeeping";
import { startAcceptorLoad } from "./acceptor-load";
import { startWebhookHost } from "./webhook-host";

const SHUTDOWN_GRACE_MS = 10_000;

let stopExtras: () => Promise<void> = () => Promise.resolve();

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createRelayLogger(env);
  const db = createDb(env.DATABASE_URL);

  let worker: ReturnType<typeof startDeliveryWorker> | null = null;
  let relay: ReturnType<typeof createRelay>;
  let store: RelayStore | null = null;
  let metricsServer: http.Server | null = null;
  const metrics = createRelayMetrics({ queueDepth: () => store?.queueDepth() ?? Promise.resolve(0), defaults: true });
  try {
    store = await createRelayStore(env, db, (method, steps) => {
      for (const [step, ms] of Object.entries(steps)) if (ms !== undefined) metrics.storeSteps.observe({ method, step: step.replace(/Ms$/, "") }, ms / 1000);
    });
    const lastUsedStore = store;
    const lastUsed = createLastUsedTracker(lastUsedStore, { onError: (err) => logger.warn({ event: "last_used", err }, "lastUsedAt flush failed") });
    const loginEvents = createLoginEventWriter(db, {
      onError: (err) => logger.warn({ event: "login_events", err }, "LoginEvent flush failed"),
      onDropped: (count, reason) => {
        metrics.loginEventsDropped.inc({ reason }, count);
        logger.error({ event: "login_events", dropped: count, reason }, "LoginEvents dropped");
      },
      onDetached: (count) => metrics.loginEventsDetached.inc(count),
    });
    relay = createRelay({ env, db, logger, store, metrics, lastUsed, loginEvents, shutdownGraceMs: SHUTDOWN_GRACE_MS, onQueued: () => worker?.wake() });
    await relay.listen();
    if (env.RELAY_METRICS_PORT > 0) {
      metricsServer = await startMetricsServer(metrics.registry, env.RELAY_HOST, env.RELAY_METRICS_PORT).catch((error: Error & { code?: string }) => {
        throw new RelayStartError(
          error.code === "EADDRINUSE"
            ? `RELAY_METRICS_PORT ${env.RELAY_METRICS_PORT} is already in use — set RELAY_METRICS_PORT to a free port, or 0 to turn metrics off`
            : `RELAY_METRICS_PORT ${env.RELAY_METRICS_PORT}: cannot listen on ${env.RELAY_HOST} — ${error.message}`,
        );
      });
    }
    stopExtras = async () => {
      await lastUsed.stop();
      await loginEvents.stop();
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
    };
  } catch (error) {
    await store?.close().catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
    if (error instanceof RelayStartError) fail(error.message);
    throw error;
  }
  worker = startDeliveryWorker({ env, db, store, logger, metrics });
  const housekeeping = startHousekeeping({ env, db, logger });
  const acceptorLoad = startAcceptorLoad();
  const webhooks = startWebhookHost({ db, logger, pollMs: env.WEBHOOK_POLL_MS, writerPort: store.webhookWriterPort?.bind(store), acceptorLoad: acceptorLoad.buffer });

  const ports = relay.ports();
  process.stdout.write(
    `MigoSMTP relay listening on ${env.RELAY_HOST}:${ports.starttls} (STARTTLS) and ${env.RELAY_HOST}:${ports.tls} (TLS) as ${env.SMTP_PUBLIC_HOST}\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: the operator does not want to wait.
      process.exit(1);
    }
    stopping = true;
    logger.info({ event: "shutdown", signal }, "relay stopping");
    const hardStop = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 5_000);
    hardStop.unref();
    void (async () => {
      await relay.close();
      await worker?.stop();
      await housekeeping.stop();
      await webhooks.stop();
      acceptorLoad.stop();
      await stopExtras();
      await store?.close();
      await db.$disconnect();
      logger.flush();
      process.exit(0);
    })().catch((error: unknown) => {
      process.stderr.write(`relay: error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  fail(`relay: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
});
