"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createWebhookEndpointAction } from "@/lib/actions/webhooks/create-webhook-endpoint";
import { updateWebhookEndpointAction } from "@/lib/actions/webhooks/update-webhook-endpoint";
import { EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/events";
import { ShowSecret } from "./show-secret";
import { stepUpHref } from "@/lib/auth/return-path";

export type EditedEndpoint = { id: string; url: string; description: string | null; eventTypes: readonly WebhookEventType[]; finalStateOnly: boolean };

/** Adds an endpoint, or (with `endpoint`) changes its URL, description, events and final-state option. */
export function EndpointForm({ workspace, endpoint, onSaved }: { workspace: string; endpoint?: EditedEndpoint; onSaved?: () => void }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const id = (name: string) => `webhook-${name}${endpoint ? `-${endpoint.id}` : ""}`;

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const input = {
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
      eventTypes: form.getAll("eventTypes").map(String) as WebhookEventType[],
      finalStateOnly: form.get("finalStateOnly") === "on",
    };
    const result = endpoint ? await updateWebhookEndpointAction({ workspace, endpointId: endpoint.id, ...input }) : await createWebhookEndpointAction({ workspace, ...input });
    setPending(false);
    if (!result.ok && result.code === "STEP_UP_REQUIRED") return router.push(stepUpHref(`/w/${workspace}/webhooks`));
    if (!result.ok) return setError(result.message.replace(/^eventTypes: /, ""));
    // Only a new endpoint has a secret to show (once).
    if ("created" in result) {
      const { url, secret } = result.created as { url: string; secret: string };
      setCreated({ url, secret });
    }
    onSaved?.();
    router.refresh();
  }

  return (
    <>
      <form action={submit} aria-label={endpoint ? `Edit ${endpoint.url}` : "Add webhook endpoint"} className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-left">
        <div>
          <label htmlFor={id("url")} className="block text-sm font-medium">
            Endpoint URL
          </label>
          <input id={id("url")} name="url" type="url" required maxLength={2000} autoComplete="off" defaultValue={endpoint?.url} placeholder="https://example.com/webhooks/migosmtp" className="mt-1 w-full max-w-xl rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        <div>
          <label htmlFor={id("description")} className="block text-sm font-medium">
            Description (optional)
          </label>
          <input id={id("description")} name="description" maxLength={200} autoComplete="off" defaultValue={endpoint?.description ?? ""} className="mt-1 w-full max-w-xl rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Events</legend>
          <div className="grid gap-x-6 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="mt-1 flex items-start gap-2 text-sm">
                <input type="checkbox" name="eventTypes" value={type} defaultChecked={endpoint ? endpoint.eventTypes.includes(type) : type === "message.delivered" || type === "message.bounced"} className="mt-1" />
                <span>
                  <span className="font-mono">{type}</span> <span className="text-slate-600">— {EVENT_LABELS[type]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="finalStateOnly" defaultChecked={endpoint?.finalStateOnly} className="mt-1" />
          <span>
            <span className="font-medium">Final state only</span>{" "}
            <span className="text-slate-600">— one message event per message: delivered, bounced, rejected or suppressed (no accepted, deferred or held)</span>
          </span>
        </label>
        <div>
          <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
            {endpoint ? (pending ? "Saving…" : "Save changes") : pending ? "Adding…" : "Add endpoint"}
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
