// An admin removes an address from the suppression list (audited in the same transaction). The
// relay reads the list on every RCPT TO, without a cache, so the next message gets through.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";

export async function removeSuppression({ db, workspaceId, suppressionId, actor }: { db: Db; workspaceId: string; suppressionId: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const row = await tx.suppression.findFirst({ where: { id: suppressionId, workspaceId }, select: { id: true, address: true, reason: true, detail: true, messageId: true } });
    if (!row) throw new AppError("NOT_FOUND", "This address is not on the suppression list (it may have been removed already).");
    await tx.suppression.delete({ where: { id: row.id, workspaceId } });
    await recordAudit(tx, actor, {
      action: "suppression.remove",
      workspaceId,
      target: { type: "suppression", id: row.id, label: row.address },
      metadata: { reason: row.reason, ...(row.messageId ? { messageId: row.messageId } : {}) },
    });
    return { address: row.address };
  });
}
