// Inviting someone by email (owner), with the input schema the form and the action share.
import { z } from "zod";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { type Role, ZRole } from "../auth/roles";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { type GrantEnv, requireStepUpToGrant } from "./grant-step-up";

export const ZInviteEmail = z.string().trim().toLowerCase().max(254).email("Enter a valid email address");

/** How long an invitation is honoured: a mistyped address does not stay an open door (inviting again renews it). */
export const INVITATION_TTL_DAYS = 14;

/** The oldest creation time of an invitation still honoured at `now`. */
export function invitationsSince(now: Date): Date {
  return new Date(now.getTime() - INVITATION_TTL_DAYS * 86_400_000);
}

/**
 * Honoured at the invitee's next sign-in within INVITATION_TTL_DAYS, and only if the IdP asserts
 * email_verified. Inviting an admin or owner needs a fresh sign-in (grant-step-up.ts).
 */
export async function inviteMember({ db, env, workspaceId, email, role, actor }: { db: Db; env: GrantEnv; workspaceId: string; email: string; role: Role; actor: Actor }) {
  ZRole.parse(role);
  requireStepUpToGrant(role, actor, env);
  await db.$transaction(async (tx) => {
    const existing = await tx.membership.findFirst({ where: { workspaceId, user: { email } }, select: { id: true } });
    if (existing) throw new AppError("CONFLICT", `${email} is already a member of this workspace.`, "email");
    await tx.invitation.upsert({
      where: { workspaceId_email: { workspaceId, email } },
      create: { workspaceId, email, role, invitedById: actor.id },
      update: { role, acceptedAt: null, invitedById: actor.id, createdAt: new Date() },
    });
    await recordAudit(tx, actor, { action: "member.invite", workspaceId, target: { type: "invitation", id: email, label: email }, metadata: { role } });
  });
}
