// Members and roles (owner only). The last owner can be neither removed nor demoted, so a
// workspace is never left without someone who can manage it. Changes take effect on the
// member's next request: membership is read on every request (lib/auth/workspace-context.ts).
import { z } from "zod";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { type Role, ZRole } from "../auth/roles";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { requireMembership } from "../tenancy/loaders";

export const ZInviteEmail = z.string().trim().toLowerCase().max(254).email("Enter a valid email address");

export async function listMembers(db: Db, workspaceId: string) {
  const [members, invitations] = await Promise.all([
    db.membership.findMany({
      where: { workspaceId },
      select: { id: true, role: true, createdAt: true, user: { select: { email: true, name: true, lastSignInAt: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.invitation.findMany({ where: { workspaceId, acceptedAt: null }, select: { id: true, email: true, role: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return { members, invitations };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function assertNotLastOwner(tx: Tx, workspaceId: string, membership: { role: string }) {
  if (membership.role !== "owner") return;
  const owners = await tx.membership.count({ where: { workspaceId, role: "owner" } });
  if (owners <= 1) throw new AppError("CONFLICT", "This is the workspace's last owner. Make another member owner first.");
}

export async function changeMemberRole({ db, workspaceId, membershipId, role, actor }: { db: Db; workspaceId: string; membershipId: string; role: Role; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const membership = await requireMembership(tx, workspaceId, membershipId, { id: true, role: true, user: { select: { email: true } } });
    if (membership.role === role) return;
    if (role !== "owner") await assertNotLastOwner(tx, workspaceId, membership);
    await tx.membership.update({ where: { id: membershipId, workspaceId }, data: { role } });
    await recordAudit(tx, actor, {
      action: "member.role_change",
      workspaceId,
      target: { type: "member", id: membershipId, label: membership.user.email },
      metadata: { from: membership.role, to: role },
    });
  });
}

export async function removeMember({ db, workspaceId, membershipId, actor }: { db: Db; workspaceId: string; membershipId: string; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const membership = await requireMembership(tx, workspaceId, membershipId, { id: true, role: true, user: { select: { email: true } } });
    await assertNotLastOwner(tx, workspaceId, membership);
    await tx.membership.delete({ where: { id: membershipId, workspaceId } });
    await recordAudit(tx, actor, {
      action: "member.remove",
      workspaceId,
      target: { type: "member", id: membershipId, label: membership.user.email },
      metadata: { role: membership.role },
    });
  });
}

/** Honoured at the invitee's next sign-in, and only if the IdP asserts email_verified. */
export async function inviteMember({ db, workspaceId, email, role, actor }: { db: Db; workspaceId: string; email: string; role: Role; actor: Actor }) {
  ZRole.parse(role);
  await db.$transaction(async (tx) => {
    const existing = await tx.membership.findFirst({ where: { workspaceId, user: { email } }, select: { id: true } });
    if (existing) throw new AppError("CONFLICT", `${email} is already a member of this workspace.`, "email");
    await tx.invitation.upsert({
      where: { workspaceId_email: { workspaceId, email } },
      create: { workspaceId, email, role, invitedById: actor.id },
      update: { role, acceptedAt: null, invitedById: actor.id },
    });
    await recordAudit(tx, actor, { action: "member.invite", workspaceId, target: { type: "invitation", id: email, label: email }, metadata: { role } });
  });
}
