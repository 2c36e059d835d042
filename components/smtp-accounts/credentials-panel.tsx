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
import { rotatePasswordAction } from "@/lib/actions/smtp-accounts/rotate-password";
import { CredentialSnippets } from "./credential-snippets";
import { CompromisedSteps } from "./compromised-steps";
import { GraceWindow } from "./grace-window";
import { RotateForm } from "./rotate-form";
import { focusOnMount } from "@/components/ui/focus-on-mount";
import { stepUpHref } from "@/lib/auth/return-path";

export type PanelAccount = { id: string; label: string; username: string };
/** "ask-reveal": opened by the URL (e.g. back from step-up), so the reveal waits for a click. */
export type PanelMode = "reveal" | "ask-reveal" | "confirm-reset" | "confirm-rotate";
/** What made the password just shown: a reset or a rotation (each says what happened to the old one). */
type Change = "reset" | "rotate" | null;
type State =
  | { kind: "loading" }
  | { kind: "ask-reveal" }
  | { kind: "confirm-reset" }
  | { kind: "confirm-rotate"; pending: boolean }
  | { kind: "shown"; credentials: CredentialsView; change: Change }
  | { kind: "hidden" }
  | { kind: "not-kept"; message: string }
  | { kind: "error"; message: string };

type Props = {
  workspace: string;
  account: PanelAccount;
  initialMode: PanelMode;
  onClose: () => void;
  /** Credentials already in hand (a just-created account): shown without another reveal. */
  initialCredentials?: CredentialsView;
  /** The workspace shows passwords only once: there is nothing to reveal, only to replace. */
  showOnce?: boolean;
};

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

const NOT_KEPT = "This workspace shows passwords only once, so MigoSMTP keeps no copy of this one. Rotate or reset the password to get a new one.";

function initialState(mode: PanelMode, showOnce: boolean): State {
  if ((mode === "reveal" || mode === "ask-reveal") && showOnce) return { kind: "not-kept", message: NOT_KEPT };
  if (mode === "reveal") return { kind: "loading" };
  if (mode === "confirm-rotate") return { kind: "confirm-rotate", pending: false };
  return { kind: mode };
}

export function CredentialsPanel({ workspace, account, initialMode, onClose, initialCredentials, showOnce = false }: Props) {
  const [state, setState] = useState<State>(() => initialState(initialMode, showOnce && !initialCredentials));
  const [secondsLeft, setSecondsLeft] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const router = useRouter();
  const toast = useToast();

  const stepUp = useCallback(
    (mode: "reveal" | "confirm-reset" | "confirm-rotate") => {
      // Back to the dialog, never to the action: the user clicks again (no replayed request).
      const param = { reveal: "reveal", "confirm-reset": "reset", "confirm-rotate": "rotate" }[mode];
      const back = `/w/${workspace}/smtp-accounts?${param}=${encodeURIComponent(account.id)}`;
      router.push(stepUpHref(back));
    },
    [workspace, account.id, router],
  );

  const show = useCallback((credentials: CredentialsView, change: Change) => {
    setState({ kind: "shown", credentials, change });
    setSecondsLeft(credentials.revealTtlSeconds);
    clearInterval(timer.current);
    // Shown once: hiding it would lose it for good, so it stays until the dialog is closed.
    if (!credentials.passwordKept) return;
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
    if (result.ok) show(result.credentials, null);
    else if (result.code === "STEP_UP_REQUIRED") stepUp("reveal");
    else if (result.code === "CONFLICT") setState({ kind: "not-kept", message: result.message });
    else setState({ kind: "error", message: result.message });
  }, [workspace, account.id, show, stepUp]);

  const reset = useCallback(async () => {
    setState({ kind: "loading" });
    const result = await resetPasswordAction({ workspace, accountId: account.id });
    if (result.ok) {
      show(result.credentials, "reset");
      toast(`Password of ${account.label} reset`);
    }
    else if (result.code === "STEP_UP_REQUIRED") stepUp("confirm-reset");
    else setState({ kind: "error", message: result.message });
  }, [workspace, account.id, account.label, show, stepUp, toast]);

  const rotate = useCallback(
    async (graceSeconds: number) => {
      setState({ kind: "confirm-rotate", pending: true });
      const result = await rotatePasswordAction({ workspace, accountId: account.id, graceSeconds });
      if (result.ok) {
        show(result.credentials, "rotate");
        toast(`Password of ${account.label} rotated`);
      } else if (result.code === "STEP_UP_REQUIRED") stepUp("confirm-rotate");
      else setState({ kind: "error", message: result.message });
    },
    [workspace, account.id, account.label, show, stepUp, toast],
  );

  useEffect(() => {
    // Fetch the password only now that the dialog is open; never part of the page. Only a click
    // reveals ("reveal" comes from the View Credentials button; a URL opens "ask-reveal").
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (initialCredentials) show(initialCredentials, null);
    else if (initialMode === "reveal" && !showOnce) void reveal();
    return () => clearInterval(timer.current);
  }, [initialMode, reveal, show, initialCredentials, showOnce]);

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
      {state.kind === "not-kept" && (
        <div className="space-y-3">
          <p role="status" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
            {state.message}
          </p>
          <ChangeButtons onRotate={() => setState({ kind: "confirm-rotate", pending: false })} onReset={() => setState({ kind: "confirm-reset" })} />
        </div>
      )}
      {state.kind === "confirm-rotate" && (
        <RotateForm username={account.username} pending={state.pending} onRotate={(seconds) => void rotate(seconds)} onCancel={onClose} />
      )}
      {state.kind === "confirm-reset" && (
        <div className="space-y-4">
          <p ref={focusOnMount} tabIndex={-1} className="text-sm font-medium outline-none">
            Reset the password of {account.username}?
          </p>
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
          {state.change === "reset" && (
            <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
              New password generated. The old one no longer works: update it in every application that uses this account now.
            </p>
          )}
          {state.change === "rotate" && (
            <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
              New password generated. The previous one keeps working until the end of the grace window: move every application to the new password before then.
            </p>
          )}
          {!state.credentials.passwordKept && (
            <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
              This is the only time this password is shown: this workspace keeps no copy. Copy it into your application or password manager before closing.
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
          {state.credentials.grace && (
            <GraceWindow
              workspace={workspace}
              account={account}
              grace={state.credentials.grace}
              previousPassword={state.credentials.grace.previousPassword}
              onCopied={copied("password")}
              onEnded={() => setState({ kind: "shown", change: state.change, credentials: { ...state.credentials, grace: null } })}
            />
          )}
          <p className="text-xs text-slate-500">
            {state.credentials.passwordKept ? `Hidden again in ${secondsLeft} s. ` : ""}Revealed {state.credentials.reveals.count} {state.credentials.reveals.count === 1 ? "time" : "times"}
            {state.credentials.reveals.lastBy && state.credentials.reveals.lastAt
              ? `, last by ${state.credentials.reveals.lastBy} at ${timeFormat.format(new Date(state.credentials.reveals.lastAt))}`
              : ""}
            .
          </p>
          <ChangeButtons onRotate={() => setState({ kind: "confirm-rotate", pending: false })} onReset={() => setState({ kind: "confirm-reset" })} />
          <CredentialSnippets credentials={state.credentials} onCopied={copied("snippet")} />
          <CompromisedSteps onReset={() => setState({ kind: "confirm-reset" })} accountPath={`/w/${workspace}/smtp-accounts/${account.id}`} />
        </div>
      )}
    </ModalDialog>
  );
}

/** Rotate password (planned, with a grace window) beside Reset Password (at once). */
function ChangeButtons({ onRotate, onReset }: { onRotate: () => void; onReset: () => void }) {
  return (
    <div className="flex gap-2">
      <button type="button" onClick={onRotate} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Rotate password
      </button>
      <button type="button" onClick={onReset} className="rounded-md border border-red-300 px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50">
        Reset Password
      </button>
    </div>
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
