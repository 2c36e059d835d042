// An admin adds an address to the workspace's suppression list by hand (audited in the same
// transaction). An address already on the list is a CONFLICT that says since when and why.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { suppressionReasonLabel } from "./reasons";

export const MAX_NOTE = 500;

export async function addSuppression({ db, workspaceId, address, note, actor }: { db: Db; workspaceId: string; address: string; note?: string | null; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const existing = await tx.suppression.findUnique({ where: { workspaceId_address: { workspaceId, address } }, select: { reason: true, createdAt: true } });
    if (existing)
      throw new AppError("CONFLICT", `${address} is already on the suppression list (${suppressionReasonLabel(existing.reason)}, since ${existing.createdAt.toISOString().slice(0, 10)}).`, "address");
    const detail = note?.trim().slice(0, MAX_NOTE) || null;
    const row = await tx.suppression.create({ data: { workspaceId, address, reason: "manual", detail, createdById: actor.id }, select: { id: true, address: true } });
    await recordAudit(tx, actor, { action: "suppression.add", workspaceId, target: { type: "suppression", id: row.id, label: address }, metadata: detail ? { note: detail } : undefined });
    return row;
  });
}
