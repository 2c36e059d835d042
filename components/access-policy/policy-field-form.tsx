"use client";

// One policy's form (IP allowlist, allowed senders, expiry, the workspace's maximum lifetime):
// a labelled field, its help, the server's zod message tied to the field (aria-invalid,
// aria-describedby), and a step-up sign-in when the change widens access.
import { usePathname, useRouter } from "next/navigation";
import { useId, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { useToast } from "@/components/ui/toast";
import { stepUpHref } from "@/lib/auth/return-path";

export type SaveResult = { ok: true } | { ok: false; code: string; message: string };

type Props = {
  label: string;
  help: string;
  name: string;
  initial: string;
  kind: "list" | "date" | "days";
  placeholder?: string;
  savedMessage: string;
  save: (value: string) => Promise<SaveResult>;
};

export function PolicyFieldForm({ label, help, name, initial, kind, placeholder, savedMessage, save }: Props) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);

  async function submit(form: FormData) {
    setError(null);
    const result = await save(String(form.get(name) ?? ""));
    if (result.ok) {
      toast(savedMessage);
      return router.refresh();
    }
    if (result.code === "STEP_UP_REQUIRED") {
      // Widening access needs a fresh sign-in; back here afterwards to save again.
      return router.push(stepUpHref(`${pathname}#${name}`));
    }
    // The wrapper prefixes the field name ("ipAllowlist: …"): the label already says which.
    setError(result.message.replace(new RegExp(`^${name}: `), ""));
  }

  const describedBy = `${id}-help${error ? ` ${id}-error` : ""}`;
  const field = {
    id: `${id}-field`,
    name,
    defaultValue: initial,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm aria-[invalid=true]:border-red-600",
  };
  return (
    <form action={submit} id={name} className="space-y-2">
      <label htmlFor={field.id} className="block text-sm font-medium">
        {label}
      </label>
      {kind === "list" ? (
        <textarea {...field} rows={4} maxLength={10_000} placeholder={placeholder} spellCheck={false} />
      ) : kind === "date" ? (
        <input {...field} type="date" className={`${field.className} max-w-48`} />
      ) : (
        <input {...field} inputMode="numeric" maxLength={4} placeholder={placeholder} className={`${field.className} max-w-32`} />
      )}
      <p id={`${id}-help`} className="text-xs text-slate-600">
        {help}
      </p>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <SubmitButton pendingLabel="Saving…" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
        Save
      </SubmitButton>
    </form>
  );
}
