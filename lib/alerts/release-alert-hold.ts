// Release (admin, one click from the alert): the account's auto-hold ends and the messages it
// held go back to `queued`, so the delivery worker delivers them as usual. The hold is cleared
// first, so the relay stops holding new mail before the held ones are released.
import { recordAudit } from "../audit/record";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { BATCH, MAX_BATCHES } from "../incidents/held-batches";
import type { Actor } from "../smtp-accounts/actor";
import { requireAlert } from "../tenancy/loaders";

export async function releaseAlertHold({ db, workspaceId, alertId, actor }: { db: Db; workspaceId: string; alertId: string; actor: Actor }): Promise<{ released: number }> {
  const alert = await requireAlert(db, workspaceId, alertId, { id: true, accountId: true, rule: true });
  if (!alert.accountId) throw new AppError("INVALID_INPUT", "This alert is not about one account, so it holds nothing.");
  const accountId = alert.accountId;
  const account = await db.$transaction(async (tx) => {
    const row = await tx.smtpAccount.findFirst({ where: { id: accountId, workspaceId }, select: { id: true, label: true, holdNewMailSince: true } });
    if (!row) throw new AppError("NOT_FOUND", "This SMTP account does not exist in this workspace.");
    await tx.smtpAccount.updateMany({ where: { id: accountId, workspaceId }, data: { holdNewMailSince: null, holdAlertId: null } });
    return row;
  });
  const held = { workspaceId, accountId, status: "held", incidentId: null, alertId: { not: null } };
  let released = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const batch = await db.$transaction(async (tx) => {
      const ids = (await tx.message.findMany({ where: held, select: { id: true }, take: BATCH })).map((r) => r.id);
      const { count } = await tx.message.updateMany({
        where: { id: { in: ids }, ...held },
        data: { status: "queued", nextAttemptAt: null, claimedBy: null, claimedUntil: null },
      });
      await tx.deliveryAttempt.createMany({ data: ids.map((id) => ({ messageId: id, workspaceId, outcome: "released", reply: `released from the alert's hold by ${actor.email}` })) });
      return { count, more: ids.length === BATCH };
    });
    released += batch.count;
    if (!batch.more) break;
  }
  await recordAudit(db, actor, {
    action: "alert.release_hold",
    workspaceId,
    target: { type: "smtp_account", id: accountId, label: account.label },
    metadata: { alertId, rule: alert.rule, released, wasHeld: account.holdNewMailSince !== null },
  });
  return { released };
}
