// The members and open invitations of a workspace (owner's Members page), each invitation
// marked expired once INVITATION_TTL_DAYS have passed.
import type { Db } from "../db";
import { invitationsSince } from "./invite-member";

export async function listMembers(db: Db, workspaceId: string, now = new Date()) {
  const [members, pending] = await Promise.all([
    db.membership.findMany({
      where: { workspaceId },
      select: { id: true, role: true, createdAt: true, user: { select: { email: true, name: true, lastSignInAt: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.invitation.findMany({ where: { workspaceId, acceptedAt: null }, select: { id: true, email: true, role: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const since = invitationsSince(now);
  // An expired one is still listed (to withdraw, or to invite again, which renews it).
  const invitations = pending.map((i) => ({ ...i, expired: i.createdAt < since }));
  return { members, invitations };
}
