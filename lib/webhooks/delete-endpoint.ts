// Delete webhook endpoint, with its delivery log (cascade). Audited.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";

export async function deleteWebhookEndpoint({ db, workspaceId, endpointId, actor }: { db: Db; workspaceId: string; endpointId: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, workspaceId }, select: { id: true, url: true } });
    if (!endpoint) throw new AppError("NOT_FOUND", "This webhook endpoint does not exist in this workspace.");
    await tx.webhookEndpoint.deleteMany({ where: { id: endpoint.id, workspaceId } });
    await recordAudit(tx, actor, { action: "webhook.delete", workspaceId, target: { type: "webhook_endpoint", id: endpoint.id, label: endpoint.url } });
  });
}
