"use client";

import { useId, useState } from "react";
import { GRACE_PRESETS, ZGraceSeconds } from "@/lib/smtp-accounts/grace-window";
import { focusOnMount } from "@/components/ui/focus-on-mount";

type Props = { username: string; pending: boolean; onRotate: (graceSeconds: number) => void; onCancel: () => void };

const UNIT_SECONDS = { hours: 3600, days: 86_400 } as const;

/** Rotate password: how long the current password keeps working (1 hour to 30 days). */
export function RotateForm({ username, pending, onRotate, onCancel }: Props) {
  const id = useId();
  const [choice, setChoice] = useState<string>(String(GRACE_PRESETS[1].seconds));
  const [amount, setAmount] = useState("48");
  const [unit, setUnit] = useState<keyof typeof UNIT_SECONDS>("hours");
  const [error, setError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const seconds = choice === "custom" ? Math.round(Number(amount) * UNIT_SECONDS[unit]) : Number(choice);
    const parsed = ZGraceSeconds.safeParse(seconds);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Choose a grace window from 1 hour to 30 days");
    setError(null);
    onRotate(parsed.data);
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <p ref={focusOnMount} tabIndex={-1} className="text-sm font-medium outline-none">
        Rotate the password of {username}?
      </p>
      <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-900">
        A new password is made now; the current one keeps working until the end of the grace window, so you can move each application without an outage. For a
        leaked password use Reset Password instead: it ends the old one at once.
      </p>
      <fieldset className="space-y-2 text-sm">
        <legend className="font-medium text-slate-700">Keep the current password working for</legend>
        <div className="flex flex-wrap gap-3">
          {GRACE_PRESETS.map((preset) => (
            <label key={preset.seconds} className="flex items-center gap-1.5">
              <input type="radio" name={`${id}-grace`} value={preset.seconds} checked={choice === String(preset.seconds)} onChange={() => setChoice(String(preset.seconds))} className="h-4 w-4 accent-indigo-600" />
              {preset.label}
            </label>
          ))}
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-grace`} value="custom" checked={choice === "custom"} onChange={() => setChoice("custom")} className="h-4 w-4 accent-indigo-600" />
            Custom
          </label>
        </div>
        {choice === "custom" && (
          <div className="flex items-center gap-2">
            <label htmlFor={`${id}-amount`} className="sr-only">
              Grace window length
            </label>
            <input
              id={`${id}-amount`}
              type="number"
              min={1}
              max={720}
              step="any"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-describedby={`${id}-bounds`}
              className="w-24 rounded-md border border-slate-300 px-2 py-1"
            />
            <label htmlFor={`${id}-unit`} className="sr-only">
              Unit
            </label>
            <select id={`${id}-unit`} value={unit} onChange={(e) => setUnit(e.target.value as keyof typeof UNIT_SECONDS)} className="rounded-md border border-slate-300 px-2 py-1">
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
            <span id={`${id}-bounds`} className="text-xs text-slate-500">
              1 hour to 30 days
            </span>
          </div>
        )}
      </fieldset>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} aria-busy={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Rotating…" : "Rotate password"}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium">
          Cancel
        </button>
      </div>
    </form>
  );
}
