"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { useToast } from "@/components/ui/toast";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { removeSuppressionAction } from "@/lib/actions/suppressions/remove-suppression";

export function RemoveSuppressionButton({ workspace, suppressionId, address, stepUpBack }: { workspace: string; suppressionId: string; address: string; stepUpBack: string }) {
  const toast = useToast();
  const { confirming, setConfirming, error, pending, submit } = useConfirmedAction({
    run: () => removeSuppressionAction({ workspace, suppressionId }),
    onDone: () => toast(`${address} removed: the relay accepts it again from the next message`),
    stepUpBack,
  });
  return (
    <>
      <button
        type="button"
        onClick={() => setConfirming(true)}
        aria-label={`Remove ${address}`}
        className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
      >
        Remove
      </button>
      <ModalDialog open={confirming} onClose={() => setConfirming(false)} title={`Remove ${address} from the suppression list?`}>
        <p className="text-sm text-slate-700">
          The relay accepts mail to <span className="font-mono">{address}</span> again from the next message. If the address still bounces, the next hard bounce puts it back
          on the list.
        </p>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => setConfirming(false)} disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700">
            Cancel
          </button>
          <button type="button" onClick={submit} disabled={pending} aria-busy={pending} className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60">
            {pending ? "Removing…" : `Remove ${address}`}
          </button>
        </div>
      </ModalDialog>
    </>
  );
}
