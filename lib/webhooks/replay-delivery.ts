// Replay a delivery: POST the SAME body under the SAME event id (webhook-id) now, whatever its
// state, recorded as an attempt with replay=true (a 2xx marks it delivered). Audited.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { deliverWebhook, type WebhookSendEnv } from "./deliver-webhook";
import type { PostOutcome } from "./post-webhook";
import type { ResolveHost } from "./url-guard";

export async function replayWebhookDelivery({
  db,
  env,
  workspaceId,
  deliveryId,
  actor,
  resolve,
}: {
  db: Db;
  env: WebhookSendEnv;
  workspaceId: string;
  deliveryId: string;
  actor: Actor;
  resolve?: ResolveHost;
}): Promise<PostOutcome> {
  const delivery = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, workspaceId },
    select: { id: true, eventId: true, eventType: true, payload: true, attemptCount: true, endpoint: { select: { id: true, url: true, secretCiphertext: true } } },
  });
  if (!delivery) throw new AppError("NOT_FOUND", "This webhook delivery does not exist in this workspace.");
  await recordAudit(db, actor, {
    action: "webhook.replay",
    workspaceId,
    target: { type: "webhook_endpoint", id: delivery.endpoint.id, label: delivery.endpoint.url },
    metadata: { eventId: delivery.eventId, eventType: delivery.eventType },
  });
  return deliverWebhook({ db, env, delivery, replay: true, resolve });
}
