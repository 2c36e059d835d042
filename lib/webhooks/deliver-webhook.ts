// Tries of webhook deliveries: decrypt the endpoint's secret, POST the stored body under the
// delivery's event id, and record each attempt with the delivery's new state:
// delivered on a 2xx; otherwise pending with the next retry time, or failed once the schedule
// (≥ 24 h) is spent. A replay is the same POST, recorded with replay=true; it never reschedules.
import type { Db } from "../db";
import type { Env } from "../env";
import { decryptEndpointSecret } from "./endpoint-secret";
import { postWebhook, type PostOutcome } from "./post-webhook";
import { nextRetryDelayMs } from "./retry-schedule";
import type { ResolveHost } from "./url-guard";

export type DeliveryToSend = {
  id: string;
  eventId: string;
  payload: string;
  attemptCount: number;
  endpoint: { id: string; url: string; secretCiphertext: string };
};

export type WebhookSendEnv = Pick<Env, "CREDENTIALS_KEYS" | "WEBHOOK_ALLOW_PRIVATE" | "WEBHOOK_TIMEOUT_MS" | "WEBHOOK_RETRY_BASE_MS">;

/** POSTs in flight at once. */
const PARALLEL = 32;

/** Decrypted endpoint secrets by ciphertext: one AES-GCM open per endpoint and secret, not per event. */
const secrets = new Map<string, string>();

function endpointSecret(endpoint: DeliveryToSend["endpoint"], env: Pick<WebhookSendEnv, "CREDENTIALS_KEYS">): string {
  let secret = secrets.get(endpoint.secretCiphertext);
  if (secret === undefined) {
    secret = decryptEndpointSecret(endpoint.secretCiphertext, endpoint.id, env.CREDENTIALS_KEYS);
    if (secrets.size >= 1000) secrets.clear();
    secrets.set(endpoint.secretCiphertext, secret);
  }
  return secret;
}

/** The POST of one delivery (never throws: a failure is an outcome). */
export async function sendWebhook({ env, delivery, resolve }: { env: WebhookSendEnv; delivery: DeliveryToSend; resolve?: ResolveHost }): Promise<PostOutcome> {
  try {
    const secret = endpointSecret(delivery.endpoint, env);
    return await postWebhook({ url: delivery.endpoint.url, secret, eventId: delivery.eventId, payload: delivery.payload, timeoutMs: env.WEBHOOK_TIMEOUT_MS, allowPrivate: env.WEBHOOK_ALLOW_PRIVATE, resolve });
  } catch {
    // Only the decryption can throw: a retired key. Said without the key material.
    return { statusCode: null, error: "the endpoint's secret cannot be decrypted with CREDENTIALS_KEYS", durationMs: 0, ok: false };
  }
}

/** A delivery's state after its try number `attempts` (not a replay): delivered, due again later, or failed for good. */
export function stateAfterTry(outcome: PostOutcome, attempts: number, at: Date, retryBaseMs: number): { status: string; deliveredAt?: Date; nextAttemptAt: Date | null } {
  if (outcome.ok) return { status: "delivered", deliveredAt: at, nextAttemptAt: null };
  const retryIn = nextRetryDelayMs(attempts, retryBaseMs);
  return retryIn === null ? { status: "failed", nextAttemptAt: null } : { status: "pending", nextAttemptAt: new Date(at.getTime() + retryIn) };
}

/**
 * Whether a try needs no attempt row: a first try (not a replay) that succeeded. Its delivery row
 * holds what the portal shows of it (attemptCount 1, lastStatus, deliveredAt; only its duration
 * is not kept), and it is nearly every event, so skipping its row spares the relay's writer one row and two index
 * entries per event. Failed tries, retries and replays each keep their row.
 */
export function firstTrySettled(outcome: PostOutcome, attemptsBefore = 0, replay = false): boolean {
  return outcome.ok && attemptsBefore === 0 && !replay;
}

/** Sends deliveries PARALLEL at a time (connections are kept alive per origin); each try with its time. */
export async function sendAll(env: WebhookSendEnv, deliveries: readonly DeliveryToSend[], resolve?: ResolveHost): Promise<SentDelivery[]> {
  const tries: SentDelivery[] = [];
  for (let i = 0; i < deliveries.length; i += PARALLEL)
    tries.push(...(await Promise.all(deliveries.slice(i, i + PARALLEL).map(async (delivery) => ({ delivery, outcome: await sendWebhook({ env, delivery, resolve }), at: new Date() })))));
  return tries;
}

export type SentDelivery = { delivery: DeliveryToSend; outcome: PostOutcome; replay?: boolean; at: Date };

/**
 * Records tries — each attempt row (see firstTrySettled) and its delivery's new state — in ONE transaction, however
 * many: on SQLite every transaction is a commit the relay's writer waits behind, so a dispatcher
 * pass costs one, not one per event.
 */
export async function recordWebhookTries(db: Db, env: Pick<WebhookSendEnv, "WEBHOOK_RETRY_BASE_MS">, tries: readonly SentDelivery[]): Promise<void> {
  if (tries.length === 0) return;
  // An interactive transaction, not an array batch: Prisma caches a compiled plan per batch
  // shape, so batches of every length would each keep one.
  await db.$transaction(async (tx) => {
    const logged = tries.filter(({ delivery, outcome, replay }) => !firstTrySettled(outcome, delivery.attemptCount, replay));
    if (logged.length > 0)
      await tx.webhookAttempt.createMany({
        data: logged.map(({ delivery, outcome, replay = false, at }) => ({ deliveryId: delivery.id, statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs, replay, createdAt: at })),
      });
    // Successful tries (not replays), the bulk of a busy pass, in one UPDATE per answer code (with
    // the latest time of the group as deliveredAt); the rest one by one.
    const delivered = new Map<number, { ids: string[]; at: Date }>();
    for (const { delivery, outcome, replay = false, at } of tries) {
      if (outcome.ok && !replay && outcome.statusCode !== null) {
        const group = delivered.get(outcome.statusCode) ?? { ids: [], at };
        group.ids.push(delivery.id);
        if (at > group.at) group.at = at;
        delivered.set(outcome.statusCode, group);
        continue;
      }
      const state = replay ? (outcome.ok ? { status: "delivered", deliveredAt: at, nextAttemptAt: null } : {}) : stateAfterTry(outcome, delivery.attemptCount + 1, at, env.WEBHOOK_RETRY_BASE_MS);
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { ...state, attemptCount: { increment: 1 }, lastStatus: outcome.statusCode, lastError: outcome.error, ...(replay ? {} : { claimedBy: null, claimedUntil: null }) },
        select: { id: true },
      });
    }
    for (const [statusCode, { ids, at }] of delivered)
      await tx.webhookDelivery.updateMany({
        where: { id: { in: ids } },
        data: { status: "delivered", deliveredAt: at, nextAttemptAt: null, attemptCount: { increment: 1 }, lastStatus: statusCode, lastError: null, claimedBy: null, claimedUntil: null },
      });
  });
}

/** One try of one delivery, sent and recorded (replays). */
export async function deliverWebhook({
  db,
  env,
  delivery,
  replay = false,
  resolve,
}: {
  db: Db;
  env: WebhookSendEnv;
  delivery: DeliveryToSend;
  replay?: boolean;
  resolve?: ResolveHost;
}): Promise<PostOutcome> {
  const outcome = await sendWebhook({ env, delivery, resolve });
  await recordWebhookTries(db, env, [{ delivery, outcome, replay, at: new Date() }]);
  return outcome;
}
