"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { inviteMemberAction } from "@/lib/actions/members/invite-member";
import { SubmitButton } from "@/components/ui/submit-button";
import { useToast } from "@/components/ui/toast";
import { ROLES, type Role } from "@/lib/auth/roles";
import { stepUpHref } from "@/lib/auth/return-path";

export function InviteMemberForm({ workspace }: { workspace: string }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const toast = useToast();
  const router = useRouter();
  async function submit(form: FormData) {
    const email = String(form.get("email") ?? "");
    const result = await inviteMemberAction({ workspace, email, role: String(form.get("role")) as Role });
    // Inviting an admin or owner asks for a fresh sign-in; back here, the owner invites again.
    if (!result.ok && result.code === "STEP_UP_REQUIRED") return router.push(stepUpHref(`/w/${workspace}/members`));
    setMessage(result.ok ? { ok: true, text: `Invited ${email}. They join at their next sign-in.` } : { ok: false, text: result.message });
    if (result.ok) toast(`Invited ${email}`);
  }
  return (
    <form action={submit} aria-label="Invite a member" className="mt-8 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <label htmlFor="invite-email" className="block text-sm font-medium">
          Email
        </label>
        <input id="invite-email" name="email" type="email" required maxLength={254} className="mt-1 w-full max-w-72 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
      </div>
      <div>
        <label htmlFor="invite-role" className="block text-sm font-medium">
          Role
        </label>
        <select id="invite-role" name="role" defaultValue="viewer" className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton pendingLabel="Inviting…" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Invite
      </SubmitButton>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`w-full text-sm ${message.ok ? "text-emerald-700" : "text-red-700"}`}>
          {message.text}
        </p>
      )}
    </form>
  );
}
