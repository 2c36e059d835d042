"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createAccountAction } from "@/lib/actions/smtp-accounts/create-account";
import type { CredentialsView } from "@/lib/smtp-accounts/credentials-view";
import { CredentialsPanel } from "./credentials-panel";
import { stepUpHref } from "@/lib/auth/return-path";

export type CreateDraft = { label: string; from: string };

type Props = {
  workspace: string;
  domains: string[];
  /** The form as it was before a step-up sign-in (?create=1&label=…&from=…): reopened, not resubmitted. */
  draft?: CreateDraft;
};

export function CreateAccountForm({ workspace, domains, draft }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(Boolean(draft));
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<CredentialsView | null>(null);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const label = String(form.get("label") ?? "");
    const from = String(form.get("from") ?? "");
    const result = await createAccountAction({ workspace, label, from });
    setPending(false);
    if (!result.ok && result.code === "STEP_UP_REQUIRED") {
      // Through the IdP and back to this form, filled in; the user clicks Create again.
      const back = `/w/${workspace}/smtp-accounts?${new URLSearchParams({ create: "1", label, from })}`;
      return router.push(stepUpHref(back));
    }
    if (!result.ok) return setError({ field: result.field, message: result.message });
    setOpen(false);
    setCreated(result.credentials);
  }

  return (
    <>
      {!open && (
        // A link to ?create=1 (which the server opens as an empty form), so a click before
        // hydration still opens the form; once hydrated it opens in place.
        <a
          href="?create=1"
          onClick={(e) => {
            e.preventDefault();
            setOpen(true);
          }}
          className="inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Create account
        </a>
      )}
      {open && (
        <form action={submit} aria-label="Create SMTP account" className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_1fr_auto]">
          <div>
            <label htmlFor="new-account-label" className="block text-sm font-medium">
              Label
            </label>
            <input
              id="new-account-label"
              name="label"
              required
              maxLength={100}
              defaultValue={draft?.label}
              aria-invalid={error?.field === "label"}
              className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              placeholder="Order confirmations"
            />
          </div>
          <div>
            <label htmlFor="new-account-from" className="block text-sm font-medium">
              From address
            </label>
            <input
              id="new-account-from"
              name="from"
              required
              maxLength={254}
              defaultValue={draft?.from}
              aria-invalid={error?.field === "from"}
              aria-describedby="new-account-from-hint"
              className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              placeholder={`noreply@${domains[0] ?? "example.com"}`}
            />
            <p id="new-account-from-hint" className="mt-1 text-xs text-slate-500">
              On a verified domain ({domains.join(", ") || "none yet"}); *@domain allows any address on it.
            </p>
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
              {pending ? "Creating…" : "Create"}
            </button>
            <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
              Cancel
            </button>
          </div>
          {error && (
            <p role="alert" className="text-sm text-red-700 sm:col-span-3">
              {error.message}
            </p>
          )}
        </form>
      )}
      {created && (
        <CredentialsPanel
          workspace={workspace}
          account={{ id: created.accountId, label: created.label, username: created.username }}
          initialMode="reveal"
          initialCredentials={created}
          onClose={() => setCreated(null)}
        />
      )}
    </>
  );
}
