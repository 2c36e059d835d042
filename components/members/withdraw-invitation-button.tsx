"use client";

import { withdrawInvitationAction } from "@/lib/actions/members/withdraw-invitation";
import { useMemberAction } from "./use-member-action";

/** Withdraws a pending invitation: its address no longer joins at its next sign-in. */
export function WithdrawInvitationButton({ workspace, invitationId, email }: { workspace: string; invitationId: string; email: string }) {
  const { error, pending, run } = useMemberAction(workspace);
  return (
    <span className="ml-2 inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => void run(() => withdrawInvitationAction({ workspace, invitationId }), `Invitation of ${email} withdrawn`)}
        className="rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-red-700 hover:bg-red-50"
        aria-label={`Withdraw the invitation of ${email}`}
      >
        Withdraw
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
