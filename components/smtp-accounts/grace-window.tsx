"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { endGraceAction } from "@/lib/actions/smtp-accounts/end-grace";
import type { GraceStatus } from "@/lib/smtp-accounts/grace-status";

type Props = {
  workspace: string;
  account: { id: string; label: string };
  grace: GraceStatus;
  /** The previous password in clear, only inside a reveal (and never in show-once mode). */
  previousPassword?: string | null;
  onCopied?: () => void;
  onEnded?: () => void;
  /** May end the grace window (admin); others see the deadline and the uses only. */
  canEnd?: boolean;
  /** The page's clock when rendered on the server, for "in 59 min." before hydration (LocalTime). */
  now?: Date;
};

const actionClass = "rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60";

/**
 * A planned rotation's grace window: until when the previous password works, every use of it
 * (so admins see which application still has to move), and End grace now.
 */
export function GraceWindow({ workspace, account, grace, previousPassword, onCopied, onEnded, canEnd = true, now }: Props) {
  const toast = useToast();
  const headingId = `grace-${account.id}`;
  const { confirming, setConfirming, error, pending, submit: end } = useConfirmedAction({
    run: () => endGraceAction({ workspace, accountId: account.id }),
    onDone: () => {
      toast(`Grace window of ${account.label} ended: its old password no longer works`);
      onEnded?.();
    },
    stepUpBack: `/w/${workspace}/smtp-accounts/${encodeURIComponent(account.id)}`,
  });

  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
      <h3 id={headingId} className="font-semibold">
        Grace window: the previous password (version {grace.previousVersion}) works until <LocalTime iso={grace.endsAt} /> (<LocalTime iso={grace.endsAt} relative now={now} />)
      </h3>
      {previousPassword ? (
        <div className="flex items-center justify-between gap-3 rounded-md border border-amber-200 bg-white px-3 py-2">
          <span className="w-36 shrink-0 font-medium text-slate-600">Previous password</span>
          <span className="min-w-0 flex-1 break-all font-mono" data-testid="previous-password">
            {previousPassword}
          </span>
          <CopyButton value={previousPassword} label="Copy Previous password" onCopied={onCopied} />
        </div>
      ) : (
        !grace.previousKept && <p>This workspace shows passwords only once, so the previous password is not shown.</p>
      )}
      <div>
        <h4 className="font-medium">Uses of the previous password</h4>
        {grace.useCount === 0 ? (
          <p className="text-amber-900">No application has signed in with it since the rotation.</p>
        ) : (
          <>
            <p className="text-amber-900">
              {grace.useCount} {grace.useCount === 1 ? "sign-in" : "sign-ins"} since the rotation
              {grace.useCount > grace.uses.length ? `; the latest ${grace.uses.length} are listed` : ""}. Move these applications to the new password before the deadline.
            </p>
            <table className="mt-2 w-full text-left text-xs">
              <caption className="sr-only">Sign-ins with the previous password, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">Time</th>
                  <th scope="col" className="py-1 pr-3 font-medium">Client IP</th>
                  <th scope="col" className="py-1 pr-3 font-medium">Method</th>
                  <th scope="col" className="py-1 font-medium">TLS</th>
                </tr>
              </thead>
              <tbody>
                {grace.uses.map((use) => (
                  <tr key={`${use.at}-${use.clientIp}`} className="border-t border-amber-200">
                    <td className="py-1 pr-3">
                      <LocalTime iso={use.at} />
                    </td>
                    <td className="py-1 pr-3 font-mono">{use.clientIp}</td>
                    <td className="py-1 pr-3">{use.method}</td>
                    <td className="py-1">{use.tlsProtocol ?? "none"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-red-800">
          {error}
        </p>
      )}
      {!canEnd ? null : confirming ? (
        <div className="space-y-2 rounded-md border border-red-200 bg-white p-3">
          <p className="font-medium text-slate-900">End the grace window of {account.label} now?</p>
          <p className="text-slate-700">Applications still using the previous password are refused from their next command; only the new password works.</p>
          <div className="flex gap-2">
            <button type="button" onClick={end} disabled={pending} aria-busy={pending} className={`${actionClass} bg-red-600 text-white hover:bg-red-500`}>
              {pending ? "Ending…" : "End grace now"}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={`${actionClass} border border-slate-300 text-slate-700`}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={`${actionClass} border border-red-300 bg-white text-red-700 hover:bg-red-50`}>
          End grace now
        </button>
      )}
    </section>
  );
}
