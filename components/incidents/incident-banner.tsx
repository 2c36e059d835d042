"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { countOf } from "@/components/ui/count-of";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useToast } from "@/components/ui/toast";
import { closeIncidentAction } from "@/lib/actions/incidents/close-incident";
import { deleteHeldAction } from "@/lib/actions/incidents/delete-held";
import { releaseHeldAction } from "@/lib/actions/incidents/release-held";
import type { ActionResult } from "@/lib/errors/app-error";

type Props = {
  workspace: string;
  incident: { id: string; accountLabel: string; reportedAt: string; window: string; heldCount: number; supportEmail: string; reviewHref: string };
  canManage: boolean;
};

type Step = "release" | "delete" | "close";

const PENDING: Record<Step, string> = { release: "Releasing…", delete: "Deleting…", close: "Closing…" };

const buttonClass = "rounded-md border px-3 py-1 disabled:opacity-60";

export function IncidentBanner({ workspace, incident, canManage }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Step | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const input = { workspace, incidentId: incident.id };
  const of = incident.accountLabel;
  // One step at a time: its button says what is happening, the others wait, a toast says when it is done.
  async function run<T>(step: Step, call: () => Promise<ActionResult<T>>, done: (result: T) => string) {
    setPending(step);
    setError(null);
    const result = await call();
    setPending(null);
    setConfirmDelete(false);
    if (!result.ok) return setError(result.message);
    toast(done(result));
    router.refresh();
  }
  const release = () => run("release", () => releaseHeldAction(input), (r) => `Released ${countOf(r.released, "held message")} of ${of} for delivery`);
  const remove = () => run("delete", () => deleteHeldAction(input), (r) => `Deleted ${countOf(r.deleted, "held message")} of ${of}`);
  const close = () => run("close", () => closeIncidentAction(input), () => `Incident of ${of} closed`);
  const label = (step: Step, idle: string) => (pending === step ? PENDING[step] : idle);

  return (
    <section role="region" aria-label="Open incident" aria-busy={pending !== null} className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm">
      <h2 className="font-semibold text-red-800">Compromise reported {incident.reportedAt}</h2>
      <p className="mt-1 text-slate-700">
        Window {incident.window}. {countOf(incident.heldCount, "message")} held. {incident.supportEmail}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <a href={incident.reviewHref} className="rounded-md border border-slate-300 bg-white px-3 py-1">
          Review the window
        </a>
        {canManage && incident.heldCount > 0 && (
          <>
            <button type="button" disabled={pending !== null} onClick={() => void release()} className={`${buttonClass} border-slate-300 bg-white`}>
              {label("release", "Release held messages")}
            </button>
            <button type="button" disabled={pending !== null} onClick={() => setConfirmDelete(true)} className={`${buttonClass} border-red-300 bg-white text-red-700`}>
              Delete held messages
            </button>
          </>
        )}
        {canManage && (
          <button type="button" disabled={pending !== null} onClick={() => void close()} className={`${buttonClass} border-slate-800 bg-slate-800 text-white`}>
            {label("close", "Close incident")}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
      <ModalDialog open={confirmDelete} onClose={() => setConfirmDelete(false)} title={`Delete ${countOf(incident.heldCount, "held message")} of ${incident.accountLabel}?`}>
        <p className="text-sm text-slate-700">
          They were held when the compromise was reported and have not been delivered. Deleted messages are gone for good: they are never delivered and cannot be released later.
        </p>
        <div className="mt-4 flex gap-2">
          <button type="button" disabled={pending !== null} onClick={() => void remove()} className="rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60">
            {label("delete", `Delete ${countOf(incident.heldCount, "message")}`)}
          </button>
          <button type="button" onClick={() => setConfirmDelete(false)} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            Cancel
          </button>
        </div>
      </ModalDialog>
    </section>
  );
}
