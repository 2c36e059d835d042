"use client";

import { useState } from "react";
import { changeRoleAction } from "@/lib/actions/members/change-role";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import { useToast } from "@/components/ui/toast";
import { ROLES, type Role } from "@/lib/auth/roles";

type Props = { workspace: string; membershipId: string; email: string; role: string; isSelf: boolean; part: "role" | "remove" };

export function MemberControls({ workspace, membershipId, email, role, isSelf, part }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Controlled, so a refused change (the last owner) goes back to the role the member still has.
  const [selected, setSelected] = useState(role);
  const toast = useToast();
  const run = async (call: () => Promise<{ ok: boolean; message?: string }>, done: string, undo?: () => void) => {
    setPending(true);
    const result = await call();
    setPending(false);
    setError(result.ok ? null : (result.message ?? "The change failed."));
    if (result.ok) toast(done);
    else undo?.();
  };
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
