// Holding, releasing and deleting an account's not-yet-delivered messages for an incident.
//
// Hold uses the delivery worker's claim discipline (relay/store-*.ts `claim`): a message is
// taken only while it is queued or deferred AND not claimed (claimedUntil null or past), in one
// UPDATE whose WHERE re-checks both. The worker claims only queued/deferred, so a message that
// shows `held` is never claimed again; one the worker holds right now is left to finish (it is
// counted as in flight) — the same rule that keeps two workers off one message.
import type { Db } from "../db";
import type { Actor } from "../smtp-accounts/actor";
import { recordAudit } from "../audit/record";
import { requireIncident } from "../tenancy/loaders";

const BATCH = 500;
const MAX_BATCHES = 200;

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

async function openIncident(db: Db, workspaceId: string, incidentId: string) {
  const incident = await requireIncident(db, workspaceId, incidentId, { id: true, accountId: true, account: { select: { label: true } } });
  return incident;
}

/** Held → queued: the worker delivers them as usual. */
export async function releaseHeldMessages({ db, workspaceId, incidentId, actor }: { db: Db; workspaceId: string; incidentId: string; actor: Actor }): Promise<{ released: number }> {
  const incident = await openIncident(db, workspaceId, incidentId);
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

/** Deletes the held messages (recipients and attempts by cascade); the delivery log loses them. */
export async function deleteHeldMessages({ db, workspaceId, incidentId, actor }: { db: Db; workspaceId: string; incidentId: string; actor: Actor }): Promise<{ deleted: number }> {
  const incident = await openIncident(db, workspaceId, incidentId);
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
