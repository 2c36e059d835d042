"use client";

import { useToast } from "@/components/ui/toast";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { setShowOnceAction } from "@/lib/actions/settings/set-show-once";

type Props = { workspace: string; workspaceName: string; enabled: boolean };

const buttonClass = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60";

/** The workspace's show-once mode, for admins: what it means, and a confirmed switch. */
export function ShowOnceSetting({ workspace, workspaceName, enabled }: Props) {
  const toast = useToast();
  const { confirming, setConfirming, error, pending, submit: change } = useConfirmedAction({
    run: () => setShowOnceAction({ workspace, enabled: !enabled }),
    onDone: (result) =>
      toast(result.enabled ? `Show-once mode on: ${result.forgotten} stored ${result.forgotten === 1 ? "password" : "passwords"} deleted` : "Show-once mode off: new passwords can be revealed again"),
    stepUpBack: `/w/${workspace}/smtp-accounts`,
  });

  return (
    <section aria-labelledby="show-once-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="show-once-heading" className="font-semibold">
            Show passwords once: {enabled ? "on" : "off"}
          </h2>
          <p className="mt-1 text-slate-600">
            {enabled
              ? "New, reset and rotated passwords are shown once, right after they are made; MigoSMTP keeps only what the relay needs to check them, so they cannot be revealed later."
              : "Passwords are stored encrypted so admins can reveal them later. With show-once, each is shown once and only what the relay needs to check it is kept."}
          </p>
        </div>
        {!confirming && (
          <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass} border border-slate-300 text-slate-700 hover:bg-slate-50`}>
            {enabled ? "Turn off show-once" : "Turn on show-once"}
          </button>
        )}
      </div>
      {confirming && (
        <div className="mt-3 space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-950">
          <p className="font-medium">{enabled ? `Turn off show-once for ${workspaceName}?` : `Turn on show-once for ${workspaceName}?`}</p>
          <p>
            {enabled
              ? "Passwords made from now on are stored encrypted and can be revealed again (you will confirm it's you). Passwords already shown once stay unrevealable until they are rotated or reset."
              : "Every stored password of this workspace, current and previous, is deleted now and cannot be revealed again; applications keep working. Test connection will ask for the password."}
          </p>
          <div className="flex gap-2">
            <button type="button" onClick={change} disabled={pending} aria-busy={pending} className={`${buttonClass} bg-amber-700 text-white hover:bg-amber-600`}>
              {pending ? "Saving…" : enabled ? "Turn off show-once" : "Turn on and delete stored passwords"}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={`${buttonClass} border border-slate-300 bg-white text-slate-700`}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
