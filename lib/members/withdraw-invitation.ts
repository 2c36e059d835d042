// Withdrawing an invitation not yet accepted (owner): a mistyped address, or one invited with
// the wrong role, no longer joins at its next sign-in.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";

export async function withdrawInvitation({ db, workspaceId, invitationId, actor }: { db: Db; workspaceId: string; invitationId: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, workspaceId, acceptedAt: null }, select: { id: true, email: true, role: true } });
    if (!invitation) throw new AppError("NOT_FOUND", "This invitation was already accepted or withdrawn.");
    await tx.invitation.deleteMany({ where: { id: invitation.id, workspaceId, acceptedAt: null } });
    await recordAudit(tx, actor, { action: "member.invite.withdraw", workspaceId, target: { type: "invitation", id: invitation.email, label: invitation.email }, metadata: { role: invitation.role } });
  });
}
