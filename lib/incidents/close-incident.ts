// Closing an incident removes the account's banner. Held messages stay held until released or deleted.
import type { Db } from "../db";
import type { Actor } from "../smtp-accounts/actor";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import { requireIncident } from "../tenancy/loaders";

export async function closeIncident({ db, workspaceId, incidentId, actor }: { db: Db; workspaceId: string; incidentId: string; actor: Actor }): Promise<{ closedAt: Date }> {
  return db.$transaction(async (tx) => {
    const incident = await requireIncident(tx, workspaceId, incidentId, { id: true, closedAt: true, accountId: true, account: { select: { label: true } } });
    if (incident.closedAt) throw new AppError("CONFLICT", "This incident is already closed.");
    const closedAt = new Date();
    await tx.incident.update({ where: { id: incident.id, workspaceId }, data: { closedAt, closedById: actor.id } });
    await recordAudit(tx, actor, {
      action: "incident.close",
      workspaceId,
      target: { type: "incident", id: incident.id, label: incident.account?.label ?? null },
      metadata: { accountId: incident.accountId },
    });
    return { closedAt };
  });
}
