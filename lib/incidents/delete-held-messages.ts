// Deleting an incident's held messages (admin); the delivery log loses them.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import type { Actor } from "../smtp-accounts/actor";
import { requireIncident } from "../tenancy/loaders";

/** Deletes the held messages (recipients and attempts by cascade); the delivery log loses them. */
export async function deleteHeldMessages({ db, workspaceId, incidentId, actor }: { db: Db; workspaceId: string; incidentId: string; actor: Actor }): Promise<{ deleted: number }> {
  const incident = await requireIncident(db, workspaceId, incidentId, { id: true, accountId: true, account: { select: { label: true } } });
  return db.$transaction(async (tx) => {
    const { count } = await tx.message.deleteMany({ where: { workspaceId, incidentId, status: "held" } });
    await recordAudit(tx, actor, {
      action: "incident.delete_messages",
      workspaceId,
      target: { type: "incident", id: incident.id, label: incident.account?.label ?? null },
      metadata: { deleted: count, accountId: incident.accountId },
    });
    return { deleted: count };
  });
}
