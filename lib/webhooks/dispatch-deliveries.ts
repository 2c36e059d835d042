// The dispatcher's pass: claim due deliveries (claimedBy/claimedUntil, as the delivery worker
// claims messages: the claim is a conditional UPDATE, so two relays on one PostgreSQL never take
// the same row — the second's UPDATE re-checks the condition after the first commits), then
// send them a few at a time. Only retries come here: a first try is sent by the tailer
// (lib/webhooks/tail-events.ts). A claim outlives a crash by claimMs at most, then the row is due again.
import type { Db } from "../db";
import { recordWebhookTries, sendAll, type WebhookSendEnv } from "./deliver-webhook";
import type { ResolveHost } from "./url-guard";

/** Deliveries claimed per pass (their tries are recorded in one transaction). */
const BATCH = 500;

export type DispatchOptions = { db: Db; env: WebhookSendEnv; instance: string; now?: Date; claimMs?: number; resolve?: ResolveHost };

/** Claims up to BATCH due deliveries of enabled endpoints for `instance`; returns them with what sending needs. */
export async function claimDueDeliveries({ db, instance, now = new Date(), claimMs = 120_000 }: Pick<DispatchOptions, "db" | "instance" | "now" | "claimMs">) {
  const due = {
    status: "pending",
    nextAttemptAt: { lte: now },
    OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
    endpoint: { enabled: true },
  };
  const candidates = await db.webhookDelivery.findMany({ where: due, orderBy: { nextAttemptAt: "asc" }, take: BATCH, select: { id: true } });
  if (candidates.length === 0) return [];
  const until = new Date(now.getTime() + claimMs);
  await db.webhookDelivery.updateMany({ where: { id: { in: candidates.map((c) => c.id) }, ...due }, data: { claimedBy: instance, claimedUntil: until } });
  return db.webhookDelivery.findMany({
    where: { id: { in: candidates.map((c) => c.id) }, claimedBy: instance, claimedUntil: until },
    select: { id: true, eventId: true, payload: true, attemptCount: true, endpoint: { select: { id: true, url: true, secretCiphertext: true } } },
  });
}

/** One pass: claim, send (PARALLEL at a time), record every try in one transaction. Returns how many were claimed (BATCH means: call again soon). */
export async function dispatchDueDeliveries(options: DispatchOptions): Promise<{ claimed: number; delivered: number }> {
  const claimed = await claimDueDeliveries(options);
  const tries = await sendAll(options.env, claimed, options.resolve);
  await recordWebhookTries(options.db, options.env, tries);
  return { claimed: claimed.length, delivered: tries.filter((t) => t.outcome.ok).length };
}

export const DISPATCH_BATCH = BATCH;
