"use client";

import { useState } from "react";

type Props = { value: string; label: string; onCopied?: () => void };

/** Copies `value`; `label` names what is copied for screen readers ("Copy SMTP Password"). */
export function CopyButton({ value, label, onCopied }: Props) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      onClick={async () => {
        await navigator.clipboard.writeText(value);
        setCopied(true);
        onCopied?.();
        setTimeout(() => setCopied(false), 1500);
      }}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
