// The delivery worker of the relay process (housekeeping.ts does the rest of its background work). With RELAY_UPSTREAM_URL, messages go to that
// smarthost through nodemailer's pooled SMTP transport (envelope and raw bytes as stored);
// without it (demo mode) to the local sink: each message is written to
// DATA_DIR/sink/<messageId>.eml by its own thread (sink-writer.ts). Messages are claimed in batches (claimedBy/claimedUntil; on
// PostgreSQL with FOR UPDATE SKIP LOCKED) so several relay instances never deliver the same one
// at once; a claim that outlives a crash expires and the message is picked up again
// (at-least-once — a repeat the sink can see is recorded as a duplicate, never silent).
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { createDkimSigner } from "../lib/domains/dkim-signer";
import { domainOf } from "./policy";
import type { RelayMetrics } from "./metrics";
import type { ClaimedMessage, DeliveryResult, RelayStore } from "./relay-store";
import { createSinkWriter, type SinkWriter } from "./sink-writer";
import { afterFailure, hardBounces, oneLine, RETRY_BASE_MS } from "./retry-policy";

export type WorkerEnv = Pick<Env, "DATA_DIR" | "RELAY_UPSTREAM_URL" | "RELAY_INSTANCE_ID" | "RELAY_MAX_QUEUE_AGE" | "CREDENTIALS_KEYS">;

export type DeliveryWorker = {
  /** Look for work now (called after a message is queued). */
  wake(): void;
  stop(): Promise<void>;
  readonly instance: string;
};

// Big claims, gathered for a while after a wake-up: every claim and record is a write transaction
// (with its fsync) on the same single SQLite writer that commits accepted mail, so fewer, larger
// ones leave it to the acceptor (the profile: 25–35% of the writer's time at 16–64 connections).
const BATCH = 1024;
const CLAIM_MS = 60_000;
const IDLE_POLL_MS = 1_000;
/** After a wake-up, wait this long so one claim transaction takes many fresh messages. */
const WAKE_DELAY_MS = 300;

export { sinkPath } from "./sink-writer";

/** host:port of the upstream URL, for logs and DeliveryAttempt.upstream (never its password). */
export function upstreamLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === "smtps:" ? 465 : 587)}`;
  } catch {
    return "upstream";
  }
}

export type StartWorkerOptions = {
  env: WorkerEnv;
  db: Db;
  store: RelayStore;
  logger: Logger;
  metrics?: RelayMetrics;
  /** Tests shorten the retry schedule. */
  retryBaseMs?: number;
  claimMs?: number;
  idlePollMs?: number;
};

export function startDeliveryWorker({ env, db, store, logger, metrics, retryBaseMs = RETRY_BASE_MS, claimMs = CLAIM_MS, idlePollMs = IDLE_POLL_MS }: StartWorkerOptions): DeliveryWorker {
  const instance = env.RELAY_INSTANCE_ID ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const upstream = env.RELAY_UPSTREAM_URL
    ? {
        label: upstreamLabel(env.RELAY_UPSTREAM_URL),
        transport: nodemailer.createTransport({
          url: env.RELAY_UPSTREAM_URL,
          pool: true,
          maxConnections: 5,
          maxMessages: 1000,
          connectionTimeout: 15_000,
          greetingTimeout: 15_000,
          socketTimeout: 60_000,
        } as Parameters<typeof nodemailer.createTransport>[0]),
      }
    : null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let released = !env.RELAY_INSTANCE_ID;
  const signDkim = createDkimSigner(db, env.CREDENTIALS_KEYS);
  const sink = upstream ? null : createSinkWriter(env.DATA_DIR);

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };

  let woken = false;
  const run = () => {
    timer = null;
    woken = false;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = tick()
      .catch((error: unknown) => {
        logger.error({ event: "delivery", err: error }, "delivery pass failed");
        return 0;
      })
      .then((claimed) => {
        running = null;
        const full = claimed === BATCH;
        const woken = again;
        again = false;
        schedule(full ? 0 : woken ? WAKE_DELAY_MS : idlePollMs);
      });
  };

  async function tick(): Promise<number> {
    const now = new Date();
    if (!released) {
      // A fixed RELAY_INSTANCE_ID names one live instance: what it claimed before a crash is ours to retry now.
      const count = await store.releaseClaims(instance);
      if (count > 0) logger.warn({ event: "delivery", instance, count }, "released claims left by a previous run of this instance");
      released = true;
    }
    const claimed = await store.claim(instance, now, BATCH, claimMs);
    if (claimed.length === 0) return 0;
    const held = keepClaimed(claimed.map((m) => m.id));
    let results: DeliveryResult[];
    try {
      // A message whose claim was lost meanwhile is not sent by this pass (keepClaimed).
      const signed = (await Promise.all(claimed.map(sign))).filter((m) => held.has(m.id));
      results = sink ? await deliverToSink(sink, signed) : await Promise.all(signed.map(deliverUpstream));
      await store.recordDeliveries(results);
    } finally {
      held.stop();
    }
    for (const r of results) {
      const message = claimed.find((m) => m.id === r.id)!;
      metrics?.deliveries.inc({ outcome: r.status });
      if (r.duplicate) metrics?.duplicates.inc();
      if (r.status !== "deferred") metrics?.deliveryLatency.observe({ outcome: r.status }, (r.at.getTime() - message.createdAt.getTime()) / 1000);
      const log = { event: r.status, messageId: r.id, upstream: r.upstream, reply: r.reply, duplicate: r.duplicate || undefined, attempt: message.attemptCount + 1 };
      if (r.duplicate) logger.warn(log, "message delivered again (duplicate after a crash)");
      else if (r.status === "delivered") logger.info(log, "message delivered");
      else logger.warn(log, r.status === "bounced" ? "message bounced" : "message deferred");
      if (r.hardBounces?.length) logger.info({ event: "suppressed", messageId: r.id, addresses: r.hardBounces.map((b) => b.address) }, "hard-bounced recipients added to the suppression list");
    }
    return claimed.length;
  }

  /**
   * Keeps this pass's claims alive until its outcomes are recorded: a slow upstream or a busy
   * database can make a pass outlast CLAIM_MS, and a lapsed claim is taken by another relay,
   * which would send the message again. Renewed every third of the claim; a message whose claim
   * was lost anyway (this process stalled past it) is not sent by this pass.
   */
  function keepClaimed(ids: readonly string[]) {
    let mine = new Set(ids);
    // Recording the outcomes releases the claims: a renewal that answers after the pass ended
    // finds none of them, and that is not a takeover.
    let ended = false;
    const renew = async () => {
      if (mine.size === 0) return;
      const kept = new Set(await store.renewClaims(instance, [...mine], new Date(Date.now() + claimMs)));
      if (ended) return;
      const lost = [...mine].filter((id) => !kept.has(id));
      if (lost.length > 0) logger.warn({ event: "delivery", instance, lost: lost.length }, "claims lapsed and were taken over; those messages are left to their new owner");
      mine = kept;
    };
    const timer = setInterval(() => void renew().catch((error: unknown) => logger.error({ event: "delivery", err: error }, "renewing claims failed")), Math.max(50, Math.floor(claimMs / 3)));
    timer.unref();
    return {
      has: (id: string) => mine.has(id),
      stop: () => {
        ended = true;
        clearInterval(timer);
      },
    };
  }

  /**
   * DKIM-sign with the sender domain's active key, if it has one. The relay already required
   * MAIL FROM and the From header to be on the account's verified domain, so the envelope's
   * domain is the From header's. A signing failure is logged and the message goes unsigned.
   */
  async function sign(message: ClaimedMessage): Promise<ClaimedMessage> {
    if (!message.raw) return message;
    try {
      return { ...message, raw: await signDkim(message.raw, domainOf(message.envelopeFrom)) };
    } catch (error) {
      logger.error({ event: "dkim", messageId: message.id, err: error }, "DKIM signing failed; delivering unsigned");
      return message;
    }
  }

  async function deliverToSink(writer: SinkWriter, messages: readonly ClaimedMessage[]): Promise<DeliveryResult[]> {
    const written = await writer.write(messages.map((m) => ({ messageId: m.id, raw: m.raw ?? new Uint8Array() })));
    const at = new Date();
    return messages.map((message, i) => {
      const { file, duplicate, durationMs } = written[i]!;
      return {
        id: message.id,
        workspaceId: message.workspaceId,
        status: "delivered",
        reply: `250 written to the local sink as ${path.basename(file)}`,
        upstream: "sink",
        durationMs,
        duplicate,
        nextAttemptAt: null,
        at,
      };
    });
  }

  async function deliverUpstream(message: ClaimedMessage): Promise<DeliveryResult> {
    const started = Date.now();
    const base = { id: message.id, workspaceId: message.workspaceId, upstream: upstream!.label, duplicate: false };
    try {
      const info = await upstream!.transport.sendMail({
        envelope: { from: message.envelopeFrom, to: message.recipients },
        raw: message.raw ?? Buffer.alloc(0),
      });
      const rejected = (info.rejected ?? []).map(String);
      const reply = oneLine(String(info.response ?? "250 accepted")) + (rejected.length > 0 ? ` (refused: ${rejected.join(", ")})` : "");
      return { ...base, status: "delivered", reply, durationMs: Date.now() - started, nextAttemptAt: null, at: new Date(), hardBounces: hardBounces(info, message.recipients) };
    } catch (error) {
      const at = new Date();
      const decision = afterFailure(error, { attempts: message.attemptCount + 1, createdAt: message.createdAt, at, retryBaseMs, maxQueueAgeMs: env.RELAY_MAX_QUEUE_AGE * 1000 });
      return { ...base, ...decision, durationMs: Date.now() - started, at, hardBounces: hardBounces(error, message.recipients) };
    }
  }

  schedule(0);
  return {
    instance,
    wake() {
      if (running) again = true;
      else if (!woken) {
        woken = true;
        schedule(WAKE_DELAY_MS);
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      upstream?.transport.close();
      await sink?.stop();
    },
  };
}
