// Releasing an incident's held messages (admin): held → queued, and the worker delivers them.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import type { Actor } from "../smtp-accounts/actor";
import { requireIncident } from "../tenancy/loaders";
import { BATCH, MAX_BATCHES } from "./held-batches";

/** Held → queued: the worker delivers them as usual. */
export async function releaseHeldMessages({ db, workspaceId, incidentId, actor }: { db: Db; workspaceId: string; incidentId: string; actor: Actor }): Promise<{ released: number }> {
  const incident = await requireIncident(db, workspaceId, incidentId, { id: true, accountId: true, account: { select: { label: true } } });
  let released = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const batch = await db.$transaction(async (tx) => {
      const ids = (await tx.message.findMany({ where: { workspaceId, incidentId, status: "held" }, select: { id: true }, take: BATCH })).map((r) => r.id);
      const { count } = await tx.message.updateMany({
        where: { id: { in: ids }, workspaceId, status: "held" },
        data: { status: "queued", nextAttemptAt: null, claimedBy: null, claimedUntil: null },
      });
      await tx.deliveryAttempt.createMany({ data: ids.map((id) => ({ messageId: id, workspaceId, outcome: "released", reply: `released by ${actor.email}` })) });
      return { count, more: ids.length === BATCH };
    });
    released += batch.count;
    if (!batch.more) break;
  }
  await recordAudit(db, actor, {
    action: "incident.release_messages",
    workspaceId,
    target: { type: "incident", id: incident.id, label: incident.account?.label ?? null },
    metadata: { released, accountId: incident.accountId },
  });
  return { released };
}
