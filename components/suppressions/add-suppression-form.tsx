"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { addSuppressionAction } from "@/lib/actions/suppressions/add-suppression";

export function AddSuppressionForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const result = await addSuppressionAction({ workspace, address: String(form.get("address") ?? ""), note: String(form.get("note") ?? "") || undefined });
    setPending(false);
    if (!result.ok) return setError(result.message.replace(/^address: /, ""));
    toast(`${result.address} added: the relay refuses it from the next message`);
    router.refresh();
  }

  return (
    <form action={submit} aria-label="Add an address" className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="suppression-address" className="block text-sm font-medium">
          Email address
        </label>
        <input
          id="suppression-address"
          name="address"
          type="email"
          required
          maxLength={254}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? "suppression-address-error" : undefined}
          placeholder="someone@example.com"
          className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
      </div>
      <div>
        <label htmlFor="suppression-note" className="block text-sm font-medium">
          Note <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <input id="suppression-note" name="note" maxLength={500} autoComplete="off" className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
        {pending ? "Adding…" : "Add address"}
      </button>
      {error && (
        <p id="suppression-address-error" role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
