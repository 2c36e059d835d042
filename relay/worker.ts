// The delivery worker of the relay process. With no RELAY_UPSTREAM_URL, delivery is to the
// local sink: each message is written to DATA_DIR/sink/<messageId>.eml. Messages are claimed
// (claimedBy/claimedUntil) so several relay instances never deliver the same one at once; a
// claim that outlives a crash expires and the message is picked up again (at-least-once).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { pruneRateCounters } from "../lib/smtp-accounts/authenticate";

export type WorkerEnv = Pick<Env, "DATA_DIR" | "RELAY_UPSTREAM_URL" | "RELAY_INSTANCE_ID">;

export type DeliveryWorker = {
  /** Look for work now (called after a message is queued). */
  wake(): void;
  stop(): Promise<void>;
};

const BATCH = 16;
const CLAIM_MS = 60_000;
const IDLE_POLL_MS = 1_000;
const PRUNE_EVERY_MS = 60_000;

export function sinkPath(dataDir: string, messageId: string): string {
  return path.join(dataDir, "sink", `${messageId}.eml`);
}

export function startDeliveryWorker({ env, db, logger }: { env: WorkerEnv; db: Db; logger: Logger }): DeliveryWorker {
  const instance = env.RELAY_INSTANCE_ID ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let lastPrune = 0;
  let warnedUpstream = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };

  const run = () => {
    timer = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = tick()
      .catch((error: unknown) => logger.error({ event: "delivery", err: error }, "delivery pass failed"))
      .then((delivered) => {
        running = null;
        const more = again || delivered === BATCH;
        again = false;
        schedule(more ? 0 : IDLE_POLL_MS);
      });
  };

  async function tick(): Promise<number> {
    const now = new Date();
    if (now.getTime() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = now.getTime();
      await pruneRateCounters({ db, now });
    }
    if (env.RELAY_UPSTREAM_URL) {
      if (!warnedUpstream) logger.warn({ event: "delivery" }, "RELAY_UPSTREAM_URL is set but upstream delivery is not implemented yet; messages stay queued");
      warnedUpstream = true;
      return 0;
    }
    const claimed = await claim(db, instance, now);
    for (const message of claimed) {
      if (stopped) break;
      await deliverToSink(db, env.DATA_DIR, message, logger);
    }
    return claimed.length;
  }

  schedule(0);
  return {
    wake() {
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

async function claim(db: Db, instance: string, now: Date) {
  const candidates = await db.message.findMany({
    where: {
      status: "queued",
      OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
      AND: [{ OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] }],
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.id);
  // The conditional update is the claim: another instance that got there first wins.
  await db.message.updateMany({
    where: { id: { in: ids }, status: "queued", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedBy: instance, claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  return db.message.findMany({
    where: { id: { in: ids }, claimedBy: instance, status: "queued" },
    select: { id: true, workspaceId: true, raw: true },
  });
}

async function deliverToSink(db: Db, dataDir: string, message: { id: string; workspaceId: string; raw: Uint8Array | null }, logger: Logger) {
  const started = Date.now();
  const file = sinkPath(dataDir, message.id);
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Write then rename: a reader never sees half a message.
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, message.raw ?? new Uint8Array(), { mode: 0o600 });
  await fs.rename(tmp, file);
  const reply = `250 written to the local sink as ${path.basename(file)}`;
  const now = new Date();
  await db.$transaction([
    db.message.update({
      where: { id: message.id },
      data: { status: "delivered", deliveredAt: now, lastReply: reply, attemptCount: { increment: 1 }, claimedBy: null, claimedUntil: null },
    }),
    db.deliveryAttempt.create({
      data: { messageId: message.id, workspaceId: message.workspaceId, outcome: "delivered", reply, upstream: "sink", durationMs: Date.now() - started, createdAt: now },
    }),
  ]);
  logger.info({ event: "delivered", messageId: message.id, upstream: "sink" }, "message delivered to the local sink");
}
