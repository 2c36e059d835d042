"use client";

import { useState } from "react";
import { changeRoleAction } from "@/lib/actions/members/change-role";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import { ROLES, type Role } from "@/lib/auth/roles";
import { useMemberAction } from "./use-member-action";

type Props = { workspace: string; membershipId: string; email: string; role: string; isSelf: boolean; part: "role" | "remove" };

export function MemberControls({ workspace, membershipId, email, role, isSelf, part }: Props) {
  const { error, pending, run } = useMemberAction(workspace);
  // Controlled, so a refused change (the last owner) goes back to the role the member still has.
  const [selected, setSelected] = useState(role);
  if (part === "role") {
    return (
      <div>
        <label htmlFor={`role-${membershipId}`} className="sr-only">
          Role of {email}
        </label>
        <select
          id={`role-${membershipId}`}
          value={selected}
          disabled={pending}
          onChange={(e) => {
            const next = e.target.value as Role;
            const previous = selected;
            setSelected(next);
            void run(() => changeRoleAction({ workspace, membershipId, role: next }), `${email} is now ${next}`, () => setSelected(previous));
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Remove ${email}${isSelf ? " (you)" : ""} from this workspace?`)) void run(() => removeMemberAction({ workspace, membershipId }), `Removed ${email}`);
        }}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
        aria-label={`Remove ${email}`}
      >
        Remove
      </button>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
