"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useToast } from "@/components/ui/toast";
import { removeDomainAction } from "@/lib/actions/domains/remove-domain";
import { verifyDomainAction } from "@/lib/actions/domains/verify-domain";

type Account = { id: string; label: string; username: string };

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

export function RemoveDomainButton({ workspace, domain }: { workspace: string; domain: { id: string; name: string; accounts: Account[] } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [accounts, setAccounts] = useState<Account[]>(domain.accounts);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const remove = async () => {
    setPending(true);
    setError(null);
    const r = await removeDomainAction({ workspace, domainId: domain.id, confirmAccountIds: accounts.map((a) => a.id) });
    setPending(false);
    if (!r.ok) return setError(r.message);
    if (!r.result.removed) {
      // Accounts were added meanwhile: show the current list and ask again.
      setAccounts(r.result.accounts);
      return setError("More accounts use this domain than when you opened this dialog. Check the list and confirm again.");
    }
    setOpen(false);
    router.refresh();
  };
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setAccounts(domain.accounts);
          setError(null);
          setOpen(true);
        }}
        aria-label={`Remove ${domain.name}`}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50"
      >
        Remove
      </button>
      <ModalDialog open={open} title={`Remove ${domain.name}?`} onClose={() => setOpen(false)}>
        {accounts.length > 0 ? (
          <>
            <p className="text-sm text-slate-700">
              {accounts.length === 1 ? "This SMTP account sends" : `These ${accounts.length} SMTP accounts send`} from {domain.name}. Removing the domain deletes{" "}
              {accounts.length === 1 ? "it" : "them"} too, and applications using {accounts.length === 1 ? "it" : "them"} can no longer send:
            </p>
            <ul aria-label={`Accounts using ${domain.name}`} className="mt-2 list-disc pl-5 text-sm">
              {accounts.map((a) => (
                <li key={a.id}>
                  {a.label} <span className="font-mono text-slate-600">({a.username})</span>
                </li>
              ))}
            </ul>
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
          <button type="button" disabled={pending} onClick={() => void remove()} className="rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-50">
            {accounts.length > 0 ? `Remove domain and ${accounts.length} account${accounts.length === 1 ? "" : "s"}` : "Remove domain"}
          </button>
          <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            Cancel
          </button>
        </div>
      </ModalDialog>
    </>
  );
}
