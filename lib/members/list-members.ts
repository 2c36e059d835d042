// The members and open invitations of a workspace (owner's Members page).
import type { Db } from "../db";

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
