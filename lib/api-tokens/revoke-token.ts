// Revoke API token: from the next request on it answers 401. The row stays for the audit trail.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";

export async function revokeApiToken({ db, workspaceId, tokenId, actor, now = new Date() }: { db: Db; workspaceId: string; tokenId: string; actor: Actor; now?: Date }) {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, workspaceId }, select: { id: true, label: true, publicId: true, revokedAt: true } });
    if (!token) throw new AppError("NOT_FOUND", "This API token does not exist in this workspace.");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: token.id, workspaceId }, data: { revokedAt: now } });
    await recordAudit(tx, actor, { action: "api_token.revoke", workspaceId, target: { type: "api_token", id: token.id, label: token.label }, metadata: { publicId: token.publicId } });
  });
}
