// Invitations: honoured at the invitee's first sign-in with a verified email, within
// INVITATION_TTL_DAYS (an invitation again renews it), and withdrawn by an owner before then;
// granting a role that reveals credentials needs a fresh sign-in.
import { expect, it } from "vitest";
import { signInWithIdentity } from "../auth/sign-in";
import type { Actor } from "../smtp-accounts/actor";
import { describeEachDatabase } from "../testing/each-database";
import { seedTwoWorkspaces } from "../testing/two-workspaces";
import { changeMemberRole } from "./change-member-role";
import { INVITATION_TTL_DAYS, inviteMember } from "./invite-member";
import { listMembers } from "./list-members";
import { withdrawInvitation } from "./withdraw-invitation";

const owner: Actor = { id: "user-owner", email: "owner@acme.test", authTime: new Date(), meta: { ip: null, userAgent: null } };
const meta = { ip: null, userAgent: null };
const env = { STEP_UP_MAX_AGE: 600 };
const identity = (email: string) => ({ issuer: "https://idp.test", subject: `sub-${email}`, email, emailVerified: true, name: null, authTime: null });

describeEachDatabase("invitations", (current) => {
  it("joins at the first sign-in, unless an owner withdrew the invitation first", async () => {
    const { db } = current();
    const { acme } = await seedTwoWorkspaces(db);
    await inviteMember({ db, env, workspaceId: acme.id, email: "typo@acme.tset", role: "owner", actor: owner });
    await inviteMember({ db, env, workspaceId: acme.id, email: "kept@acme.test", role: "viewer", actor: owner });
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
    await inviteMember({ db, env, workspaceId: globex.id, email: "late@globex.test", role: "admin", actor: owner });
    const old = new Date(Date.now() - (INVITATION_TTL_DAYS + 1) * 86_400_000);
    await db.invitation.updateMany({ where: { email: "late@globex.test" }, data: { createdAt: old } });
    expect((await listMembers(db, globex.id)).invitations).toMatchObject([{ email: "late@globex.test", expired: true }]);
    const late = await signInWithIdentity(db, identity("late@globex.test"), meta, 3600);
    expect(await db.membership.count({ where: { userId: late.user.id } })).toBe(0);

    await inviteMember({ db, env, workspaceId: globex.id, email: "late@globex.test", role: "admin", actor: owner });
    expect((await listMembers(db, globex.id)).invitations).toMatchObject([{ email: "late@globex.test", expired: false }]);
    await signInWithIdentity(db, identity("late@globex.test"), meta, 3600);
    expect(await db.membership.findFirst({ where: { userId: late.user.id, workspaceId: globex.id } })).toMatchObject({ role: "admin" });
  });

  it("asks for a fresh sign-in to invite an admin or owner, or to make a member one; not for a viewer or developer", async () => {
    const { db } = current();
    const w = await db.workspace.create({ data: { slug: "grants", name: "Grants" } });
    const stale: Actor = { ...owner, authTime: new Date(Date.now() - 3600_000) };
    for (const role of ["admin", "owner"] as const)
      await expect(inviteMember({ db, env, workspaceId: w.id, email: `${role}@grants.test`, role, actor: stale })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    await inviteMember({ db, env, workspaceId: w.id, email: "dev@grants.test", role: "developer", actor: stale });
    expect((await listMembers(db, w.id)).invitations.map((i) => i.email)).toEqual(["dev@grants.test"]);

    const dev = await signInWithIdentity(db, identity("dev@grants.test"), meta, 3600);
    const membership = await db.membership.findFirstOrThrow({ where: { userId: dev.user.id, workspaceId: w.id } });
    await expect(changeMemberRole({ db, env, workspaceId: w.id, membershipId: membership.id, role: "admin", actor: stale })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    await changeMemberRole({ db, env, workspaceId: w.id, membershipId: membership.id, role: "viewer", actor: stale });
    await changeMemberRole({ db, env, workspaceId: w.id, membershipId: membership.id, role: "admin", actor: owner });
    expect(await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({ role: "admin" });
  });
});
