"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { addDomainAction } from "@/lib/actions/domains/add-domain";

export function AddDomainForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    setAdded(null);
    const result = await addDomainAction({ workspace, name: String(form.get("name") ?? "") });
    setPending(false);
    if (!result.ok) return setError(result.message.replace(/^name: /, ""));
    setAdded(result.name);
    router.refresh();
  }

  return (
    <form action={submit} aria-label="Add domain" className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="new-domain-name" className="block text-sm font-medium">
          Domain name
        </label>
        <input
          id="new-domain-name"
          name="name"
          required
          maxLength={253}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? "new-domain-error" : undefined}
          placeholder="example.com"
          className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
        {pending ? "Adding…" : "Add domain"}
      </button>
      {error && (
        <p id="new-domain-error" role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
      {added && (
        <p role="status" className="w-full text-sm text-green-800">
          {added} added. Publish its DNS records below, then press Verify now.
        </p>
      )}
    </form>
  );
}
