"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useToast } from "@/components/ui/toast";
import { replayWebhookDeliveryAction } from "@/lib/actions/webhooks/replay-webhook-delivery";

/** Re-sends one delivery now, under the same event id. */
export function ReplayButton({ workspace, deliveryId, eventId }: { workspace: string; deliveryId: string; eventId: string }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={`Replay ${eventId}`}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const r = await replayWebhookDeliveryAction({ workspace, deliveryId });
            if (!r.ok) return setError(r.message);
            if (r.delivered) toast(`Replayed: HTTP ${r.statusCode}`);
            else toast(`Replay not delivered: ${r.error ?? "no answer"}`, "error");
            router.refresh();
          })
        }
      >
        {pending ? "Replaying…" : "Replay"}
      </button>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
