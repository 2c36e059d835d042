// Changing a member's role (owner). Takes effect on the member's next request: membership is
// read on every request (lib/auth/workspace-context.ts). Making someone admin or owner needs a
// fresh sign-in (grant-step-up.ts).
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import type { Role } from "../auth/roles";
import type { Actor } from "../smtp-accounts/actor";
import { requireMembership } from "../tenancy/loaders";
import { type GrantEnv, requireStepUpToGrant } from "./grant-step-up";
import { assertNotLastOwner } from "./last-owner";

export async function changeMemberRole({ db, env, workspaceId, membershipId, role, actor }: { db: Db; env: GrantEnv; workspaceId: string; membershipId: string; role: Role; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const membership = await requireMembership(tx, workspaceId, membershipId, { id: true, role: true, user: { select: { email: true } } });
    if (membership.role === role) return;
    requireStepUpToGrant(role, actor, env);
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
