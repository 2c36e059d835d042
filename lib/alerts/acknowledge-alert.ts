// Acknowledge (admin): the alert stays in the list, marked as seen by whom and when.
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db";
import type { Actor } from "../smtp-accounts/actor";
import { requireAlert } from "../tenancy/loaders";

export const ZAlertIdInput = z.object({ alertId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export type TAlertIdInput = z.infer<typeof ZAlertIdInput>;

export async function acknowledgeAlert({ db, workspaceId, alertId, actor, now = new Date() }: { db: Db; workspaceId: string; alertId: string; actor: Actor; now?: Date }): Promise<{ acknowledgedAt: Date }> {
  return db.$transaction(async (tx) => {
    const alert = await requireAlert(tx, workspaceId, alertId, { id: true, rule: true, title: true, accountId: true, acknowledgedAt: true });
    if (alert.acknowledgedAt) return { acknowledgedAt: alert.acknowledgedAt };
    await tx.alert.updateMany({ where: { id: alertId, workspaceId, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedById: actor.id } });
    await recordAudit(tx, actor, {
      action: "alert.acknowledge",
      workspaceId,
      target: { type: "alert", id: alertId, label: alert.title.slice(0, 200) },
      metadata: { rule: alert.rule, accountId: alert.accountId },
    });
    return { acknowledgedAt: now };
  });
}
