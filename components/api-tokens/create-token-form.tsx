"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { createApiTokenAction } from "@/lib/actions/api-tokens/create-api-token";
import { API_SCOPES, SCOPE_DESCRIPTIONS, type ApiScope } from "@/lib/api-tokens/scopes";
import { stepUpHref } from "@/lib/auth/return-path";

type Created = { label: string; token: string };

export function CreateTokenForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const days = String(form.get("expiresInDays") ?? "").trim();
    const result = await createApiTokenAction({
      workspace,
      label: String(form.get("label") ?? ""),
      scopes: form.getAll("scopes").map(String) as ApiScope[],
      expiresInDays: days ? Number(days) : undefined,
      ipAllowlist: String(form.get("ipAllowlist") ?? ""),
    });
    setPending(false);
    if (!result.ok && result.code === "STEP_UP_REQUIRED") {
      return router.push(stepUpHref(`/w/${workspace}/settings/api-tokens`));
    }
    if (!result.ok) return setError(result.message);
    setCreated({ label: result.created.label, token: result.created.token });
    router.refresh();
  }

  return (
    <>
      <form action={submit} aria-label="Create API token" className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <label htmlFor="token-label" className="block text-sm font-medium">
            Label
          </label>
          <input id="token-label" name="label" required maxLength={100} autoComplete="off" placeholder="deploy-bot" className="mt-1 w-72 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Scopes</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="mt-1 flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} className="mt-1" />
              <span>
                <span className="font-mono">{scope}</span> <span className="text-slate-600">— {SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="flex flex-wrap gap-4">
          <div>
            <label htmlFor="token-expiry" className="block text-sm font-medium">
              Expires after (days, optional)
            </label>
            <input id="token-expiry" name="expiresInDays" type="number" min={1} max={366} className="mt-1 w-40 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
          </div>
          <div>
            <label htmlFor="token-ips" className="block text-sm font-medium">
              IP allowlist (optional)
            </label>
            <input id="token-ips" name="ipAllowlist" maxLength={2000} placeholder="203.0.113.7, 10.0.0.0/8" className="mt-1 w-72 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
          </div>
        </div>
        <div>
          <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
            {pending ? "Creating…" : "Create token"}
          </button>
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </form>
      {created && (
        <section role="status" aria-label="New API token" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="text-sm font-medium">Copy the token for {created.label} now: it is shown only once.</p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-api-token" className="break-all rounded bg-white px-2 py-1 font-mono text-sm">
              {created.token}
            </code>
            <CopyButton value={created.token} label="Copy token" />
          </div>
          <button type="button" onClick={() => setCreated(null)} className="mt-3 text-sm text-indigo-700 underline">
            I have stored it
          </button>
        </section>
      )}
    </>
  );
}
