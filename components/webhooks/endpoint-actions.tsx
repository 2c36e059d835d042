"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useToast } from "@/components/ui/toast";
import { deleteWebhookEndpointAction } from "@/lib/actions/webhooks/delete-webhook-endpoint";
import { rotateWebhookSecretAction } from "@/lib/actions/webhooks/rotate-webhook-secret";
import { sendTestWebhookAction } from "@/lib/actions/webhooks/send-test-webhook";
import { updateWebhookEndpointAction } from "@/lib/actions/webhooks/update-webhook-endpoint";
import { ShowSecret } from "./show-secret";
import { stepUpHref } from "@/lib/auth/return-path";

const BUTTON = "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-60";

/** Send test, enable/disable, rotate secret and delete, for one endpoint row. */
export function EndpointActions({ workspace, endpointId, url, enabled }: { workspace: string; endpointId: string; url: string; enabled: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const back = `/w/${workspace}/webhooks`;

  const run = (work: () => Promise<void>) =>
    startTransition(async () => {
      setError(null);
      await work();
      router.refresh();
    });

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-1">
        <button
          type="button"
          disabled={pending}
          aria-label={`Send a test event to ${url}`}
          className={BUTTON}
          onClick={() =>
            run(async () => {
              const r = await sendTestWebhookAction({ workspace, endpointId });
              if (!r.ok) return setError(r.message);
              if (r.delivered) toast(`Test event delivered (HTTP ${r.statusCode})`);
              else toast(`Test event not delivered: ${r.error ?? "no answer"}; it will be retried`, "error");
            })
          }
        >
          Send test
        </button>
        <button
          type="button"
          disabled={pending}
          aria-label={`${enabled ? "Disable" : "Enable"} ${url}`}
          className={BUTTON}
          onClick={() =>
            run(async () => {
              const r = await updateWebhookEndpointAction({ workspace, endpointId, enabled: !enabled });
              if (!r.ok) return setError(r.message);
              toast(enabled ? "Endpoint disabled: events are kept for it but not sent" : "Endpoint enabled");
            })
          }
        >
          {enabled ? "Disable" : "Enable"}
        </button>
        <button
          type="button"
          disabled={pending}
          aria-label={`Rotate the signing secret of ${url}`}
          className={BUTTON}
          onClick={() =>
            run(async () => {
              if (!window.confirm(`Rotate the signing secret of ${url}? Requests are signed with the new secret from now on; update your receiver.`)) return;
              const r = await rotateWebhookSecretAction({ workspace, endpointId });
              if (!r.ok && r.code === "STEP_UP_REQUIRED") return router.push(stepUpHref(back));
              if (!r.ok) return setError(r.message);
              setSecret(r.secret);
            })
          }
        >
          Rotate secret
        </button>
        <button
          type="button"
          disabled={pending}
          aria-label={`Delete ${url}`}
          className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
          onClick={() =>
            run(async () => {
              if (!window.confirm(`Delete ${url} and its delivery log? Events are no longer sent to it.`)) return;
              const r = await deleteWebhookEndpointAction({ workspace, endpointId });
              if (!r.ok) return setError(r.message);
              toast("Endpoint deleted");
            })
          }
        >
          Delete
        </button>
      </div>
      {pending && <span className="text-xs text-slate-600">Working…</span>}
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
      {secret && (
        <div className="text-left">
          <ShowSecret secret={secret} url={url} onDone={() => setSecret(null)} />
        </div>
      )}
    </div>
  );
}
