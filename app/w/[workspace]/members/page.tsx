import type { Metadata } from "next";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import { MemberControls } from "@/components/members/member-controls";
import { WithdrawInvitationButton } from "@/components/members/withdraw-invitation-button";
import { INVITATION_TTL_DAYS } from "@/lib/members/invite-member";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { listMembers } from "@/lib/members/list-members";

export const metadata: Metadata = { title: "Members" };


export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { workspace, user } = await requireWorkspacePage(slug, "members:manage");
  const { members, invitations } = await listMembers(getDb(), workspace.id);
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">Members</h1>
      <p className="mt-1 text-sm text-slate-600">Who can use {workspace.name}, and with which role. Changes apply on the member&apos;s next click.</p>
      <Table caption="Members" className="mt-6">
        <TableHead>
              <Th>Member</Th>
              <Th>Role</Th>
              <Th>Last sign-in</Th>
              <Th srOnly>Actions</Th>
            </TableHead>
          <TableBody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  {m.user.name ?? m.user.email}
                  <span className="block text-xs font-normal text-slate-500">{m.user.email}</span>
                </th>
                <td className="px-4 py-3" colSpan={1}>
                  <MemberControls workspace={workspace.slug} membershipId={m.id} email={m.user.email} role={m.role} isSelf={m.user.email === user.email} part="role" />
                </td>
                <td className="px-4 py-3 text-slate-600">{m.user.lastSignInAt ? <LocalTime iso={m.user.lastSignInAt.toISOString()} /> : "Never"}</td>
                <td className="px-4 py-3 text-right">
                  <MemberControls workspace={workspace.slug} membershipId={m.id} email={m.user.email} role={m.role} isSelf={m.user.email === user.email} part="remove" />
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      {invitations.length > 0 && (
        <section className="mt-6" aria-labelledby="pending-invitations">
          <h2 id="pending-invitations" className="text-lg font-semibold">
            Pending invitations
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {invitations.map((i) => (
              <li key={i.id}>
                {i.email} — {i.role}{" "}
                <span className="text-slate-500">
                  {i.expired ? `(expired: invite ${i.email} again to renew it)` : `(joins at first sign-in with a verified email within ${INVITATION_TTL_DAYS} days of the invitation)`}
                </span>
                <WithdrawInvitationButton workspace={workspace.slug} invitationId={i.id} email={i.email} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <InviteMemberForm workspace={workspace.slug} />
    </div>
  );
}
