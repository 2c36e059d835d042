// Holding an account's not-yet-delivered messages for an incident (release-held-messages.ts and
// delete-held-messages.ts undo or finish it).
//
// Hold uses the delivery worker's claim discipline (relay/store-*.ts `claim`): a message is
// taken only while it is queued or deferred AND not claimed (claimedUntil null or past), in one
// UPDATE whose WHERE re-checks both. The worker claims only queued/deferred, so a message that
// shows `held` is never claimed again; one the worker holds right now is left to finish (it is
// counted as in flight) — the same rule that keeps two workers off one message.
import type { Db } from "../db";
import { BATCH, MAX_BATCHES } from "./held-batches";

export type HoldResult = { held: number; inFlight: number };

export async function holdAccountMessages({ db, workspaceId, accountId, incidentId, now = new Date() }: { db: Db; workspaceId: string; accountId: string; incidentId: string; now?: Date }): Promise<HoldResult> {
  const waiting = { workspaceId, accountId, status: { in: ["queued", "deferred"] } };
  const unclaimed = { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
  let held = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const ids = (await db.message.findMany({ where: { ...waiting, ...unclaimed }, select: { id: true }, take: BATCH, orderBy: { createdAt: "asc" } })).map((m) => m.id);
    if (ids.length === 0) break;
    const taken = await db.$transaction(async (tx) => {
      await tx.message.updateMany({ where: { id: { in: ids }, ...waiting, ...unclaimed }, data: { status: "held", incidentId, nextAttemptAt: null } });
      const rows = await tx.message.findMany({ where: { id: { in: ids }, workspaceId, status: "held", incidentId }, select: { id: true } });
      await tx.deliveryAttempt.createMany({
        data: rows.map((m) => ({ messageId: m.id, workspaceId, outcome: "held", reply: "held by an incident report: not delivered until an admin releases it" })),
      });
      return rows.length;
    });
    held += taken;
    if (ids.length < BATCH) break;
  }
  const inFlight = await db.message.count({ where: { ...waiting, claimedUntil: { gte: now } } });
  return { held, inFlight };
}
