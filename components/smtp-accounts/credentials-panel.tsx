"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useToast } from "@/components/ui/toast";
import type { CredentialsView } from "@/lib/smtp-accounts/credentials-view";
import type { CopyableField } from "@/lib/smtp-accounts/record-copy";
import { recordCopyAction } from "@/lib/actions/smtp-accounts/record-copy";
import { resetPasswordAction } from "@/lib/actions/smtp-accounts/reset-password";
import { revealCredentialsAction } from "@/lib/actions/smtp-accounts/reveal-credentials";
import { CredentialSnippets } from "./credential-snippets";
import { CompromisedSteps } from "./compromised-steps";

export type PanelAccount = { id: string; label: string; username: string };
/** "ask-reveal": opened by the URL (e.g. back from step-up), so the reveal waits for a click. */
export type PanelMode = "reveal" | "ask-reveal" | "confirm-reset";
type State =
  | { kind: "loading" }
  | { kind: "ask-reveal" }
  | { kind: "confirm-reset" }
  | { kind: "shown"; credentials: CredentialsView; justReset: boolean }
  | { kind: "hidden" }
  | { kind: "error"; message: string };

type Props = {
  workspace: string;
  account: PanelAccount;
  initialMode: PanelMode;
  onClose: () => void;
  /** Credentials already in hand (a just-created account): shown without another reveal. */
  initialCredentials?: CredentialsView;
};

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function CredentialsPanel({ workspace, account, initialMode, onClose, initialCredentials }: Props) {
  const [state, setState] = useState<State>(initialMode === "reveal" ? { kind: "loading" } : { kind: initialMode });
  const [secondsLeft, setSecondsLeft] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const router = useRouter();
  const toast = useToast();

  const stepUp = useCallback(
    (mode: "reveal" | "confirm-reset") => {
      // Back to the dialog, never to the action: the user clicks again (no replayed request).
      const back = `/w/${workspace}/smtp-accounts?${mode === "confirm-reset" ? "reset" : "reveal"}=${encodeURIComponent(account.id)}`;
      router.push(`/signin?stepUp=1&callbackUrl=${encodeURIComponent(back)}`);
    },
    [workspace, account.id, router],
  );

  const show = useCallback((credentials: CredentialsView, justReset: boolean) => {
    setState({ kind: "shown", credentials, justReset });
    setSecondsLeft(credentials.revealTtlSeconds);
    clearInterval(timer.current);
    timer.current = setInterval(() => {
      setSecondsLeft((s) => {
        if (s <= 1) {
          clearInterval(timer.current);
          // Drop the password from memory, not only from view.
          setState({ kind: "hidden" });
          return 0;
        }
        return s - 1;
      });
    }, 1000);
  }, []);

  const reveal = useCallback(async () => {
    setState({ kind: "loading" });
    const result = await revealCredentialsAction({ workspace, accountId: account.id });
    if (result.ok) show(result.credentials, false);
    else if (result.code === "STEP_UP_REQUIRED") stepUp("reveal");
    else setState({ kind: "error", message: result.message });
  }, [workspace, account.id, show, stepUp]);

  const reset = useCallback(async () => {
    setState({ kind: "loading" });
    const result = await resetPasswordAction({ workspace, accountId: account.id });
    if (result.ok) {
      show(result.credentials, true);
      toast(`Password of ${account.label} reset`);
    }
    else if (result.code === "STEP_UP_REQUIRED") stepUp("confirm-reset");
    else setState({ kind: "error", message: result.message });
  }, [workspace, account.id, account.label, show, stepUp, toast]);

  useEffect(() => {
    // Fetch the password only now that the dialog is open; never part of the page. Only a click
    // reveals ("reveal" comes from the View Credentials button; a URL opens "ask-reveal").
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (initialCredentials) show(initialCredentials, false);
    else if (initialMode === "reveal") void reveal();
    return () => clearInterval(timer.current);
  }, [initialMode, reveal, show, initialCredentials]);

  const copied = (field: CopyableField) => () => void recordCopyAction({ workspace, accountId: account.id, field });

  return (
    <ModalDialog open title={`Credentials — ${account.label}`} onClose={onClose}>
      {state.kind === "loading" && (
        <p role="status" className="text-sm text-slate-600">
          Loading credentials…
        </p>
      )}
      {state.kind === "error" && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.message}
        </p>
      )}
      {state.kind === "ask-reveal" && (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            Reveal the password of {account.username}? Each reveal is recorded in the audit log.
          </p>
          <button type="button" onClick={() => void reveal()} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500">
            Reveal
          </button>
        </div>
      )}
      {state.kind === "hidden" && (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">The password was hidden again after the reveal time ran out.</p>
          <button type="button" onClick={() => void reveal()} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500">
            Reveal again
          </button>
        </div>
      )}
      {state.kind === "confirm-reset" && (
        <div className="space-y-4">
          <p className="text-sm font-medium">Reset the password of {account.username}?</p>
          <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            The current password stops working immediately for every application using it; there is no overlap.
          </p>
          <div className="flex gap-2">
            <button type="button" onClick={() => void reset()} className="rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-500">
              Reset password now
            </button>
            <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium">
              Cancel
            </button>
          </div>
        </div>
      )}
      {state.kind === "shown" && (
        <div className="space-y-5">
          {state.justReset && (
            <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
              New password generated. The old one no longer works: update it in every application that uses this account now.
            </p>
          )}
          <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200">
            <Row label="SMTP Host" value={state.credentials.smtpHost} onCopied={copied("smtpHost")} />
            <Row
              label="SMTP Port"
              value={`${state.credentials.smtpPort} (STARTTLS) or ${state.credentials.smtpsPort} (SSL/TLS)`}
              copyValue={String(state.credentials.smtpPort)}
              onCopied={copied("smtpPort")}
            />
            <Row label="SMTP Username" value={state.credentials.username} mono onCopied={copied("username")} />
            <Row label="SMTP Password" value={state.credentials.password} mono onCopied={copied("password")} />
            <Row label="Encryption" value={state.credentials.encryption} onCopied={copied("encryption")} />
            <Row label="From Email" value={state.credentials.fromEmail.value} help={state.credentials.fromEmail.help} onCopied={copied("fromEmail")} />
          </dl>
          <p className="text-xs text-slate-500">
            Hidden again in {secondsLeft} s. Revealed {state.credentials.reveals.count} {state.credentials.reveals.count === 1 ? "time" : "times"}
            {state.credentials.reveals.lastBy && state.credentials.reveals.lastAt
              ? `, last by ${state.credentials.reveals.lastBy} at ${timeFormat.format(new Date(state.credentials.reveals.lastAt))}`
              : ""}
            .
          </p>
          <div className="flex gap-2">
            <button type="button" onClick={() => setState({ kind: "confirm-reset" })} className="rounded-md border border-red-300 px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50">
              Reset Password
            </button>
          </div>
          <CredentialSnippets credentials={state.credentials} onCopied={copied("snippet")} />
          <CompromisedSteps onReset={() => setState({ kind: "confirm-reset" })} accountPath={`/w/${workspace}/smtp-accounts/${account.id}`} />
        </div>
      )}
    </ModalDialog>
  );
}

function Row({ label, value, copyValue, help, mono, onCopied }: { label: string; value: string; copyValue?: string; help?: string | null; mono?: boolean; onCopied: () => void }) {
  return (
    <div className="flex items-center gap-3 px-4 py-2.5">
      <dt className="w-36 shrink-0 text-sm font-medium text-slate-600">{label}</dt>
      <dd className="flex min-w-0 flex-1 items-center justify-between gap-3">
        <span className="min-w-0">
          <span className={`block break-all text-sm ${mono ? "font-mono" : ""}`}>{value}</span>
          {help && <span className="block text-xs text-slate-500">{help}</span>}
        </span>
        <CopyButton value={copyValue ?? value} label={`Copy ${label}`} onCopied={onCopied} />
      </dd>
    </div>
  );
}
