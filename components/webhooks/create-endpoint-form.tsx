"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createWebhookEndpointAction } from "@/lib/actions/webhooks/create-webhook-endpoint";
import { EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/events";
import { ShowSecret } from "./show-secret";

export function CreateEndpointForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const result = await createWebhookEndpointAction({
      workspace,
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
      eventTypes: form.getAll("eventTypes").map(String) as WebhookEventType[],
      finalStateOnly: form.get("finalStateOnly") === "on",
    });
    setPending(false);
    if (!result.ok && result.code === "STEP_UP_REQUIRED") return router.push(`/signin?stepUp=1&callbackUrl=${encodeURIComponent(`/w/${workspace}/webhooks`)}`);
    if (!result.ok) return setError(result.message.replace(/^eventTypes: /, ""));
    setCreated({ url: result.created.url, secret: result.created.secret });
    router.refresh();
  }

  return (
    <>
      <form action={submit} aria-label="Add webhook endpoint" className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <label htmlFor="webhook-url" className="block text-sm font-medium">
            Endpoint URL
          </label>
          <input id="webhook-url" name="url" type="url" required maxLength={2000} autoComplete="off" placeholder="https://example.com/webhooks/migosmtp" className="mt-1 w-full max-w-xl rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        <div>
          <label htmlFor="webhook-description" className="block text-sm font-medium">
            Description (optional)
          </label>
          <input id="webhook-description" name="description" maxLength={200} autoComplete="off" className="mt-1 w-full max-w-xl rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Events</legend>
          <div className="grid gap-x-6 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="mt-1 flex items-start gap-2 text-sm">
                <input type="checkbox" name="eventTypes" value={type} defaultChecked={type === "message.delivered" || type === "message.bounced"} className="mt-1" />
                <span>
                  <span className="font-mono">{type}</span> <span className="text-slate-600">— {EVENT_LABELS[type]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="finalStateOnly" className="mt-1" />
          <span>
            <span className="font-medium">Final state only</span>{" "}
            <span className="text-slate-600">— one message event per message: delivered, bounced, rejected or suppressed (no accepted, deferred or held)</span>
          </span>
        </label>
        <div>
          <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
            {pending ? "Adding…" : "Add endpoint"}
          </button>
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </form>
      {created && <ShowSecret secret={created.secret} url={created.url} onDone={() => setCreated(null)} />}
    </>
  );
}
