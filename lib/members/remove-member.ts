// Removing a member (owner); their next request finds no membership.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import type { Actor } from "../smtp-accounts/actor";
import { requireMembership } from "../tenancy/loaders";
import { assertNotLastOwner } from "./last-owner";

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
