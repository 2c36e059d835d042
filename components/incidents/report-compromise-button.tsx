"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useToast } from "@/components/ui/toast";
import { reportCompromiseAction } from "@/lib/actions/incidents/report-compromise";
import { stepUpHref } from "@/lib/auth/return-path";

type Props = { workspace: string; account: { id: string; label: string }; window: { from: string; to: string }; autoOpen?: boolean };

type State = { kind: "idle" } | { kind: "working" } | { kind: "done"; message: string } | { kind: "error"; message: string };

export function ReportCompromiseButton({ workspace, account, window, autoOpen }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(Boolean(autoOpen));
  const [state, setState] = useState<State>({ kind: "idle" });
  const [from, setFrom] = useState(window.from);

  async function confirm() {
    setState({ kind: "working" });
    const result = await reportCompromiseAction({ workspace, accountId: account.id, from: from || undefined });
    if (result.ok) {
      setState({
        kind: "done",
        message: `Password reset, ${result.held} message${result.held === 1 ? "" : "s"} held, and ${result.supportEmailSent ? `the summary sent to ${result.supportEmailTo}` : "the incident recorded (the support email could not be sent — see the incident)"}.`,
      });
      toast(`Compromise of ${account.label} reported: password reset, ${result.held} message${result.held === 1 ? "" : "s"} held`);
      router.refresh();
    } else if (result.code === "STEP_UP_REQUIRED") {
      const back = `/w/${workspace}/smtp-accounts/${account.id}?report=1`;
      router.push(stepUpHref(back));
    } else setState({ kind: "error", message: result.message });
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700">
        Report compromise
      </button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`Report compromise of ${account.label}`}>
        {state.kind === "done" ? (
          <div role="status" className="space-y-3 text-sm">
            <p>{state.message}</p>
            <p>
              Open <a className="font-medium text-indigo-700 underline" href={`/w/${workspace}/smtp-accounts?reveal=${account.id}`}>View Credentials</a> to copy the new password into every application that uses this account.
            </p>
          </div>
        ) : (
          <div className="space-y-3 text-sm">
            <p>One confirmation does all of this:</p>
            <ol className="list-decimal space-y-1 pl-5">
              <li>Reset the password — the current one stops working immediately for every application.</li>
              <li>Hold this account&apos;s messages that have not been delivered yet (you can release or delete them later).</li>
              <li>Record the incident and send Rackwave support its summary (counts and flagged items, never a password).</li>
            </ol>
            <label className="block text-xs font-medium text-slate-600">
              Compromise window starts (UTC)
              <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
            </label>
            <p className="text-xs text-slate-600">The window ends now.</p>
            {state.kind === "error" && (
              <p role="alert" className="text-red-700">
                {state.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <button type="button" onClick={() => setOpen(false)} disabled={state.kind === "working"} className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-60">
                Cancel
              </button>
              <button type="button" onClick={confirm} disabled={state.kind === "working"} className="rounded-md bg-red-600 px-3 py-1.5 font-medium text-white disabled:opacity-60">
                {state.kind === "working" ? "Reporting…" : "Reset, hold and report"}
              </button>
            </div>
          </div>
        )}
      </ModalDialog>
    </>
  );
}
