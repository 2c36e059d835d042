// Invitations: honoured at the invitee's first sign-in with a verified email, within
// INVITATION_TTL_DAYS (an invitation again renews it), and withdrawn by an owner before then.
import { expect, it } from "vitest";
import { signInWithIdentity } from "../auth/sign-in";
import type { Actor } from "../smtp-accounts/actor";
import { describeEachDatabase } from "../testing/each-database";
import { seedTwoWorkspaces } from "../testing/two-workspaces";
import { INVITATION_TTL_DAYS, inviteMember } from "./invite-member";
import { listMembers } from "./list-members";
import { withdrawInvitation } from "./withdraw-invitation";

const owner: Actor = { id: "user-owner", email: "owner@acme.test", authTime: new Date(), meta: { ip: null, userAgent: null } };
const meta = { ip: null, userAgent: null };
const identity = (email: string) => ({ issuer: "https://idp.test", subject: `sub-${email}`, email, emailVerified: true, name: null, authTime: null });

describeEachDatabase("invitations", (current) => {
  it("joins at the first sign-in, unless an owner withdrew the invitation first", async () => {
    const { db } = current();
    const { acme } = await seedTwoWorkspaces(db);
    await inviteMember({ db, workspaceId: acme.id, email: "typo@acme.tset", role: "owner", actor: owner });
    await inviteMember({ db, workspaceId: acme.id, email: "kept@acme.test", role: "viewer", actor: owner });
    const pending = (await listMembers(db, acme.id)).invitations;
    const typo = pending.find((i) => i.email === "typo@acme.tset")!;
    await withdrawInvitation({ db, workspaceId: acme.id, invitationId: typo.id, actor: owner });
    await expect(withdrawInvitation({ db, workspaceId: acme.id, invitationId: typo.id, actor: owner })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditEvent.findFirst({ where: { workspaceId: acme.id, action: "member.invite.withdraw" } })).toMatchObject({ targetLabel: "typo@acme.tset" });

    const typoUser = await signInWithIdentity(db, identity("typo@acme.tset"), meta, 3600);
    expect(await db.membership.count({ where: { userId: typoUser.user.id } })).toBe(0);
    const keptUser = await signInWithIdentity(db, identity("kept@acme.test"), meta, 3600);
    expect(await db.membership.findFirst({ where: { userId: keptUser.user.id, workspaceId: acme.id } })).toMatchObject({ role: "viewer" });
  });

  it(`lapses after ${INVITATION_TTL_DAYS} days, and an invitation again renews it`, async () => {
    const { db } = current();
    const globex = await db.workspace.create({ data: { slug: "late", name: "Late" } });
    await inviteMember({ db, workspaceId: globex.id, email: "late@globex.test", role: "admin", actor: owner });
    const old = new Date(Date.now() - (INVITATION_TTL_DAYS + 1) * 86_400_000);
    await db.invitation.updateMany({ where: { email: "late@globex.test" }, data: { createdAt: old } });
    expect((await listMembers(db, globex.id)).invitations).toMatchObject([{ email: "late@globex.test", expired: true }]);
    const late = await signInWithIdentity(db, identity("late@globex.test"), meta, 3600);
    expect(await db.membership.count({ where: { userId: late.user.id } })).toBe(0);

    await inviteMember({ db, workspaceId: globex.id, email: "late@globex.test", role: "admin", actor: owner });
    expect((await listMembers(db, globex.id)).invitations).toMatchObject([{ email: "late@globex.test", expired: false }]);
    await signInWithIdentity(db, identity("late@globex.test"), meta, 3600);
    expect(await db.membership.findFirst({ where: { userId: late.user.id, workspaceId: globex.id } })).toMatchObject({ role: "admin" });
  });
});
