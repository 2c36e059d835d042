// Update webhook endpoint: URL (SSRF-checked again), events, final-state-only, enabled. Audited
// with what changed.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { type TEndpointUpdate, ZEndpointUpdate } from "./endpoint-input";
import { WEBHOOK_EVENT_TYPES } from "./events";
import { checkWebhookUrl, type ResolveHost } from "./url-guard";

export async function updateWebhookEndpoint({
  db,
  env,
  workspaceId,
  endpointId,
  input,
  actor,
  resolve,
}: {
  db: Db;
  env: Pick<Env, "WEBHOOK_ALLOW_PRIVATE">;
  workspaceId: string;
  endpointId: string;
  input: TEndpointUpdate;
  actor: Actor;
  resolve?: ResolveHost;
}): Promise<void> {
  const parsed = ZEndpointUpdate.parse(input);
  const data: { url?: string; description?: string | null; eventTypes?: string; finalStateOnly?: boolean; enabled?: boolean } = {};
  if (parsed.url !== undefined) data.url = (await checkWebhookUrl(parsed.url, { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE, resolve })).href;
  if (parsed.description !== undefined) data.description = parsed.description || null;
  if (parsed.eventTypes !== undefined) data.eventTypes = WEBHOOK_EVENT_TYPES.filter((t) => parsed.eventTypes!.includes(t)).join(" ");
  if (parsed.finalStateOnly !== undefined) data.finalStateOnly = parsed.finalStateOnly;
  if (parsed.enabled !== undefined) data.enabled = parsed.enabled;
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id: endpointId, workspaceId }, data });
    if (count === 0) throw new AppError("NOT_FOUND", "This webhook endpoint does not exist in this workspace.");
    await recordAudit(tx, actor, {
      action: "webhook.update",
      workspaceId,
      target: { type: "webhook_endpoint", id: endpointId, label: data.url ?? null },
      metadata: { ...data, eventTypes: data.eventTypes?.split(" ") },
    });
  });
}
