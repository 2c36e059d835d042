"use client";

import { useState } from "react";
import { useToast } from "./toast";

type Props = { value: string; label: string; onCopied?: () => void; compact?: boolean };

/** Copies `value`; `label` names what is copied for screen readers ("Copy SMTP Password"). */
export function CopyButton({ value, label, onCopied, compact = false }: Props) {
  const [copied, setCopied] = useState(false);
  const toast = useToast();
  return (
    <button
      type="button"
      aria-label={label}
      onClick={async () => {
        await navigator.clipboard.writeText(value);
        setCopied(true);
        onCopied?.();
        toast("Copied to the clipboard");
        setTimeout(() => setCopied(false), 1500);
      }}
      className={`rounded-md border border-slate-300 bg-white font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${compact ? "px-1.5 py-0.5 text-[11px]" : "px-2 py-1 text-xs"}`}
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
