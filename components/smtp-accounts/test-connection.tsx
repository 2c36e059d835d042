"use client";

import { useId, useState } from "react";
import { sendTestEmailAction } from "@/lib/actions/smtp-accounts/send-test-email";
import { testConnectionAction } from "@/lib/actions/smtp-accounts/test-connection";
import { CopyButton } from "@/components/ui/copy-button";
import { formatTranscript } from "@/lib/smtp-check/format";
import type { CheckResult, Step, TlsMode } from "@/lib/smtp-check/types";

type Props = {
  workspace: string;
  accountId: string;
  /** The relay's public ports, shown beside the choice (optional). */
  ports?: { starttls: number; tls: number };
};

type TestEmailOutcome = Extract<Awaited<ReturnType<typeof sendTestEmailAction>>, { ok: true }>["outcome"];

type View =
  | { kind: "idle" }
  | { kind: "running"; what: "test" | "email" }
  | { kind: "result"; result: CheckResult }
  | { kind: "email"; outcome: TestEmailOutcome }
  | { kind: "error"; message: string };

const STEP_LABEL: Record<Step["name"], string> = {
  connect: "Connect",
  banner: "Banner",
  ehlo: "EHLO",
  tls: "TLS",
  auth: "AUTH",
  mail_from: "MAIL FROM",
  rset: "RSET",
  quit: "QUIT",
};

const buttonClass =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500";

/** "Test connection" (a staged, live check; nothing is sent) and "Send a test email" to oneself. */
export function TestConnectionButton({ workspace, accountId, ports }: Props) {
  const id = useId();
  const [port, setPort] = useState<TlsMode>("starttls");
  const [view, setView] = useState<View>({ kind: "idle" });
  // Show-once workspaces keep no password to test with: the server says so (CONFLICT) and the
  // user types it here; it goes to the test only, never stored.
  const [askPassword, setAskPassword] = useState(false);
  const [password, setPassword] = useState("");
  const running = view.kind === "running";
  const typed = askPassword && password ? { password } : {};
  const failed = (response: { code: string; message: string }): View => {
    if (response.code === "CONFLICT") setAskPassword(true);
    return { kind: "error", message: response.code === "CONFLICT" && !askPassword ? `${response.message} To test it, type the password below.` : response.message };
  };

  async function runTest() {
    setView({ kind: "running", what: "test" });
    try {
      const response = await testConnectionAction({ workspace, accountId, port, ...typed });
      setView(response.ok ? { kind: "result", result: response.result } : failed(response));
    } catch {
      setView({ kind: "error", message: "The test could not be started. Check your connection and try again." });
    }
  }

  async function sendEmail() {
    setView({ kind: "running", what: "email" });
    try {
      const response = await sendTestEmailAction({ workspace, accountId, port, ...typed });
      setView(response.ok ? { kind: "email", outcome: response.outcome } : failed(response));
    } catch {
      setView({ kind: "error", message: "The test email could not be sent. Check your connection and try again." });
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <fieldset className="flex items-center gap-3 text-sm">
          <legend className="sr-only">Port to test</legend>
          <span aria-hidden="true" className="text-slate-600">
            Port:
          </span>
          {(
            [
              ["starttls", "STARTTLS", ports?.starttls],
              ["implicit", "SSL/TLS", ports?.tls],
            ] as const
          ).map(([value, label, number]) => (
            <label key={value} className="flex items-center gap-1.5 text-slate-700">
              <input
                type="radio"
                name={`${id}-port`}
                value={value}
                checked={port === value}
                onChange={() => setPort(value)}
                disabled={running}
                className="h-4 w-4 accent-indigo-600"
              />
              {label}
              {number ? <span className="text-slate-500">({number})</span> : null}
            </label>
          ))}
        </fieldset>
        {askPassword && (
          <label className="flex flex-col text-xs font-medium text-slate-600">
            SMTP Password (shown once, not kept)
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              maxLength={256}
              autoComplete="off"
              disabled={running}
              className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1 font-mono text-sm"
            />
          </label>
        )}
        <button type="button" onClick={runTest} disabled={running} aria-busy={view.kind === "running" && view.what === "test"} className={buttonClass}>
          {view.kind === "running" && view.what === "test" ? "Testing…" : "Test connection"}
        </button>
        <button type="button" onClick={sendEmail} disabled={running} aria-busy={view.kind === "running" && view.what === "email"} className={buttonClass}>
          {view.kind === "running" && view.what === "email" ? "Sending…" : "Send a test email"}
        </button>
      </div>

      <div role="status" aria-live="polite" className="text-sm">
        {view.kind === "running" && <p className="text-slate-600">{view.what === "test" ? "Testing the connection…" : "Sending a test email to you…"}</p>}
        {view.kind === "error" && <p className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">{view.message}</p>}
        {view.kind === "email" && <TestEmailOutcomeView outcome={view.outcome} />}
        {view.kind === "result" && <CheckResultView result={view.result} />}
      </div>
    </div>
  );
}

function CheckResultView({ result }: { result: CheckResult }) {
  const failedIndex = result.steps.findIndex((s) => !s.ok);
  const failed = failedIndex === -1 ? null : result.steps[failedIndex]!;
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        {failed ? (
          <p className="font-semibold text-red-800">
            Connection failed at {STEP_LABEL[failed.name]}
            {failed.failure ? `: ${failed.failure.explanation} — ${failed.failure.action}` : ""}
          </p>
        ) : (
          <p className="font-semibold text-green-800">Connection OK</p>
        )}
        <CopyButton value={formatTranscript(result)} label="Copy transcript" />
      </div>
      <ol className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {result.steps.map((step, index) => {
          const isFailed = index === failedIndex;
          return (
            <li
              key={`${step.name}-${index}`}
              aria-current={isFailed ? "step" : undefined}
              className={`grid grid-cols-[6.5rem_4.5rem_1fr] gap-2 px-3 py-1.5 ${isFailed ? "border-l-4 border-red-500 bg-red-50" : ""}`}
            >
              <span className={`font-medium ${isFailed ? "text-red-800" : step.skipped ? "text-slate-500" : "text-slate-800"}`}>
                <span aria-hidden="true">{isFailed ? "✗ " : step.ok && !step.skipped ? "✓ " : "– "}</span>
                <span className="sr-only">{isFailed ? "Failed: " : step.skipped ? "Skipped: " : "Passed: "}</span>
                {STEP_LABEL[step.name]}
              </span>
              <span className="tabular-nums text-slate-500">{step.durationMs} ms</span>
              <span className="min-w-0 break-words text-slate-700">
                {step.detail}
                {step.reply && !step.detail.includes(step.reply) && <span className="block font-mono text-xs text-slate-500">{step.reply}</span>}
                {isFailed && step.failure && (
                  <span className="mt-1 block text-red-800">
                    <strong>{capitalise(step.failure.explanation)}</strong> — {step.failure.action}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {!failed && <p className="text-xs text-slate-500">No message was sent: the test stops after MAIL FROM.</p>}
    </div>
  );
}

function TestEmailOutcomeView({ outcome }: { outcome: TestEmailOutcome }) {
  if (outcome.sent)
    return (
      <p className="rounded-md border border-green-200 bg-green-50 p-3 text-green-900">
        Test email sent from {outcome.from} to {outcome.to}. It appears in the delivery log.
        <span className="block font-mono text-xs text-green-800">{outcome.reply}</span>
      </p>
    );
  return (
    <p className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
      The test email was not sent: <strong>{outcome.failure.explanation}</strong> — {outcome.failure.action}
      {outcome.reply && <span className="block font-mono text-xs">{outcome.reply}</span>}
    </p>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
