"use client";

import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret, shown once after create or rotate, with copy. */
export function ShowSecret({ secret, url, onDone }: { secret: string; url: string; onDone: () => void }) {
  return (
    <section role="status" aria-label="Webhook signing secret" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium">Copy the signing secret for {url} now: it is shown only once.</p>
      <p className="mt-1 text-sm text-slate-700">
        Verify each request with a Standard Webhooks library (the webhook-id, webhook-timestamp and webhook-signature headers).
      </p>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="webhook-secret" className="break-all rounded bg-white px-2 py-1 font-mono text-sm">
          {secret}
        </code>
        <CopyButton value={secret} label="Copy signing secret" />
      </div>
      <button type="button" onClick={onDone} className="mt-3 text-sm text-indigo-700 underline">
        I have stored it
      </button>
    </section>
  );
}
