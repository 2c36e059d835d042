"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { countOf } from "@/components/ui/count-of";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useToast } from "@/components/ui/toast";
import { previewDomainRemovalAction, removeDomainAction } from "@/lib/actions/domains/remove-domain";
import { verifyDomainAction } from "@/lib/actions/domains/verify-domain";
import type { DomainRemovalPreview } from "@/lib/domains/remove-domain";

export function VerifyDomainButton({ workspace, domain }: { workspace: string; domain: { id: string; name: string } }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; dkim: string | null } | null>(null);
  const toast = useToast();
  const verify = async () => {
    setPending(true);
    setResult(null);
    const r = await verifyDomainAction({ workspace, domainId: domain.id });
    setPending(false);
    setResult(r.ok ? { ok: r.verified, message: r.message, dkim: r.dkim } : { ok: false, message: r.message, dkim: null });
    if (r.ok && r.verified) toast(`${domain.name} verified`);
    router.refresh();
  };
  return (
    <div>
      <button
        type="button"
        onClick={() => void verify()}
        disabled={pending}
        aria-label={`Verify ${domain.name} now`}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Checking DNS…" : "Verify now"}
      </button>
      <div role="status" aria-live="polite" className="mt-2 text-sm">
        {result && <p className={result.ok ? "text-green-800" : "text-red-700"}>{result.message}</p>}
        {result?.dkim && <p className="text-slate-600">{result.dkim}</p>}
      </div>
    </div>
  );
}

export function RemoveDomainButton({ workspace, domain }: { workspace: string; domain: { id: string; name: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // What removal would take with it, asked for when the dialog opens (the page only counts).
  const [preview, setPreview] = useState<DomainRemovalPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const load = async () => {
    setPreview(null);
    setError(null);
    const r = await previewDomainRemovalAction({ workspace, domainId: domain.id });
    if (!r.ok) return setError(r.message);
    setPreview(r.preview);
  };
  const remove = async () => {
    if (!preview) return;
    setPending(true);
    setError(null);
    const r = await removeDomainAction({ workspace, domainId: domain.id, confirmToken: preview.confirmToken });
    setPending(false);
    if (!r.ok) return setError(r.message);
    if (!r.result.removed) {
      // Accounts were added or moved meanwhile: show the current list and ask again.
      setPreview(r.result.preview);
      return setError("The accounts using this domain changed since you opened this dialog. Check the list and confirm again.");
    }
    setOpen(false);
    router.refresh();
  };
  const count = preview?.accountCount ?? 0;
  const more = preview ? preview.accountCount - preview.accounts.length : 0;
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true);
          void load();
        }}
        aria-label={`Remove ${domain.name}`}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50"
      >
        Remove
      </button>
      <ModalDialog open={open} title={`Remove ${domain.name}?`} onClose={() => setOpen(false)}>
        {!preview ? (
          !error && (
            <p role="status" className="text-sm text-slate-600">
              Checking which SMTP accounts send from {domain.name}…
            </p>
          )
        ) : count > 0 ? (
          <>
            <p className="text-sm text-slate-700">
              {count === 1 ? "This SMTP account sends" : `These ${count.toLocaleString("en-US")} SMTP accounts send`} from {domain.name}. Removing the domain deletes{" "}
              {count === 1 ? "it" : "them"} too, and applications using {count === 1 ? "it" : "them"} can no longer send:
            </p>
            <ul aria-label={`Accounts using ${domain.name}`} className="mt-2 max-h-60 list-disc overflow-y-auto pl-5 text-sm">
              {preview.accounts.map((a) => (
                <li key={a.id}>
                  {a.label} <span className="font-mono text-slate-600">({a.username})</span>
                </li>
              ))}
            </ul>
            {more > 0 && <p className="mt-1 text-sm text-slate-700">and {more.toLocaleString("en-US")} more.</p>}
          </>
        ) : (
          <p className="text-sm text-slate-700">No SMTP account uses {domain.name}. You can add it again later, but it will need a new verification and new DKIM records.</p>
        )}
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-4 flex gap-2">
          <button type="button" disabled={pending || !preview} onClick={() => void remove()} className="rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-50">
            {count > 0 ? `Remove domain and ${countOf(count, "account")}` : "Remove domain"}
          </button>
          <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            Cancel
          </button>
        </div>
      </ModalDialog>
    </>
  );
}
