// Send a test event to an endpoint now: a "webhook.test" body, signed like every other, kept in
// the endpoint's delivery log (and retried like any other if the endpoint fails). Audited.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { deliverWebhook, type WebhookSendEnv } from "./deliver-webhook";
import { EVENT_VERSION, type WebhookEvent } from "./events";
import type { PostOutcome } from "./post-webhook";
import type { ResolveHost } from "./url-guard";

export async function sendTestWebhook({
  db,
  env,
  workspaceId,
  endpointId,
  actor,
  now = new Date(),
  resolve,
}: {
  db: Db;
  env: WebhookSendEnv;
  workspaceId: string;
  endpointId: string;
  actor: Actor;
  now?: Date;
  resolve?: ResolveHost;
}): Promise<PostOutcome & { eventId: string }> {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, workspaceId }, select: { id: true, url: true, secretCiphertext: true, workspace: { select: { slug: true } } } });
  if (!endpoint) throw new AppError("NOT_FOUND", "This webhook endpoint does not exist in this workspace.");
  const eventId = `evt_test_${randomBytes(10).toString("hex")}`;
  const body: WebhookEvent = {
    id: eventId,
    type: "webhook.test",
    version: EVENT_VERSION,
    createdAt: now.toISOString(),
    workspace: { id: workspaceId, slug: endpoint.workspace.slug },
    data: { test: true, message: `A test event sent by ${actor.email} from the MigoSMTP portal.` },
  };
  const delivery = await db.$transaction(async (tx) => {
    const row = await tx.webhookDelivery.create({
      data: { endpointId, workspaceId, eventId, eventType: body.type, payload: JSON.stringify(body), nextAttemptAt: null, createdAt: now },
      select: { id: true, eventId: true, payload: true, attemptCount: true },
    });
    await recordAudit(tx, actor, { action: "webhook.test", workspaceId, target: { type: "webhook_endpoint", id: endpointId, label: endpoint.url }, metadata: { eventId } });
    return row;
  });
  // nextAttemptAt null while this first try runs, so the dispatcher does not also send it.
  const outcome = await deliverWebhook({ db, env, delivery: { ...delivery, endpoint }, resolve });
  return { ...outcome, eventId };
}
