"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { closeIncidentAction } from "@/lib/actions/incidents/close-incident";
import { deleteHeldAction } from "@/lib/actions/incidents/delete-held";
import { releaseHeldAction } from "@/lib/actions/incidents/release-held";

type Props = {
  workspace: string;
  incident: { id: string; reportedAt: string; window: string; heldCount: number; supportEmail: string; reviewHref: string };
  canManage: boolean;
};

export function IncidentBanner({ workspace, incident, canManage }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(kind: "close" | "release" | "delete") {
    setBusy(true);
    const input = { workspace, incidentId: incident.id };
    const result = kind === "close" ? await closeIncidentAction(input) : kind === "release" ? await releaseHeldAction(input) : await deleteHeldAction(input);
    setBusy(false);
    if (!result.ok) return setMessage(result.message);
    setMessage(kind === "close" ? "Incident closed." : kind === "release" ? `Released ${"released" in result ? result.released : 0} messages for delivery.` : `Deleted ${"deleted" in result ? result.deleted : 0} held messages.`);
    router.refresh();
  }

  return (
    <section role="region" aria-label="Open incident" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm">
      <h2 className="font-semibold text-red-800">Compromise reported {incident.reportedAt}</h2>
      <p className="mt-1 text-slate-700">
        Window {incident.window}. {incident.heldCount} message{incident.heldCount === 1 ? "" : "s"} held. {incident.supportEmail}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <a href={incident.reviewHref} className="rounded-md border border-slate-300 bg-white px-3 py-1">
          Review the window
        </a>
        {canManage && incident.heldCount > 0 && (
          <>
            <button type="button" disabled={busy} onClick={() => run("release")} className="rounded-md border border-slate-300 bg-white px-3 py-1">
              Release held messages
            </button>
            <button type="button" disabled={busy} onClick={() => run("delete")} className="rounded-md border border-red-300 bg-white px-3 py-1 text-red-700">
              Delete held messages
            </button>
          </>
        )}
        {canManage && (
          <button type="button" disabled={busy} onClick={() => run("close")} className="rounded-md bg-slate-800 px-3 py-1 text-white">
            Close incident
          </button>
        )}
      </div>
      {message && (
        <p role="status" className="mt-2">
          {message}
        </p>
      )}
    </section>
  );
}
