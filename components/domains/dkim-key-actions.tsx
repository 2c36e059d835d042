"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useToast } from "@/components/ui/toast";
import { completeDkimRotationAction } from "@/lib/actions/domains/complete-dkim-rotation";
import { createDkimKeyAction } from "@/lib/actions/domains/create-dkim-key";
import { startDkimRotationAction } from "@/lib/actions/domains/start-dkim-rotation";

type Domain = { id: string; name: string; status: string; dkim: { selector: string; status: string }[] };

/** The DKIM step the domain is at: make a first key, rotate the active one, or switch to the new one. */
export function DkimKeyActions({ workspace, domain }: { workspace: string; domain: Domain }) {
  const active = domain.dkim.find((k) => k.status === "active");
  const pending = domain.dkim.find((k) => k.status === "pending");
  if (!active && !pending) return <CreateDkimKeyButton workspace={workspace} domain={domain} />;
  if (active && pending) return <SwitchDkimKeyButton workspace={workspace} domain={domain} selector={pending.selector} />;
  if (active && domain.status === "verified") return <RotateDkimKeyButton workspace={workspace} domain={domain} />;
  return null;
}

function useConfirmed(run: () => Promise<{ ok: boolean; message?: string }>, done: string) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setPending(true);
    setError(null);
    const r = await run();
    setPending(false);
    if (!r.ok) return setError(r.message ?? "That did not work.");
    setOpen(false);
    toast(done);
    router.refresh();
  };
  const show = (value: boolean) => {
    setError(null);
    setOpen(value);
  };
  return { open, setOpen: show, pending, error, confirm };
}

function ConfirmDialog({ title, children, confirmLabel, state }: { title: string; children: React.ReactNode; confirmLabel: string; state: ReturnType<typeof useConfirmed> }) {
  return (
    <ModalDialog open={state.open} title={title} onClose={() => state.setOpen(false)}>
      <div className="space-y-2 text-sm text-slate-700">{children}</div>
      {state.error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <div className="mt-4 flex gap-2">
        <button type="button" disabled={state.pending} onClick={() => void state.confirm()} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
          {state.pending ? "Working…" : confirmLabel}
        </button>
        <button type="button" onClick={() => state.setOpen(false)} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}

const SECONDARY = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";

function CreateDkimKeyButton({ workspace, domain }: { workspace: string; domain: Domain }) {
  const state = useConfirmed(() => createDkimKeyAction({ workspace, domainId: domain.id }), `DKIM key created for ${domain.name}`);
  return (
    <>
      <button type="button" onClick={() => state.setOpen(true)} aria-label={`Create a DKIM key for ${domain.name}`} className={SECONDARY}>
        Create DKIM key
      </button>
      <ConfirmDialog title={`Create a DKIM key for ${domain.name}?`} confirmLabel="Create key" state={state}>
        <p>MigoSMTP makes a key pair and shows its DKIM record below. Publish the record at your DNS provider, then press Verify now: MigoSMTP signs with the key once it sees the record.</p>
      </ConfirmDialog>
    </>
  );
}

function RotateDkimKeyButton({ workspace, domain }: { workspace: string; domain: Domain }) {
  const state = useConfirmed(() => startDkimRotationAction({ workspace, domainId: domain.id }), `New DKIM key for ${domain.name}: publish its record, then switch`);
  return (
    <>
      <button type="button" onClick={() => state.setOpen(true)} aria-label={`Rotate the DKIM key of ${domain.name}`} className={SECONDARY}>
        Rotate DKIM key
      </button>
      <ConfirmDialog title={`Rotate the DKIM key of ${domain.name}?`} confirmLabel="Rotate key" state={state}>
        <p>MigoSMTP makes a new key under a new selector and shows its record. Until you publish it and press Switch, mail stays signed with the current key.</p>
        <p>After the switch, keep the old record published until the date shown beside it: mail signed with the old key may still be on its way.</p>
      </ConfirmDialog>
    </>
  );
}

function SwitchDkimKeyButton({ workspace, domain, selector }: { workspace: string; domain: Domain; selector: string }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const switchKey = async () => {
    setPending(true);
    setResult(null);
    const r = await completeDkimRotationAction({ workspace, domainId: domain.id });
    setPending(false);
    if (!r.ok) setResult({ ok: false, message: r.message });
    else setResult(r.switched ? { ok: true, message: `Signing with ${selector} now.` } : { ok: false, message: `Not switched yet: ${r.message}` });
    if (r.ok && r.switched) toast(`${domain.name} signs with ${selector} now`);
    router.refresh();
  };
  return (
    <div>
      <button type="button" onClick={() => void switchKey()} disabled={pending} aria-label={`Switch ${domain.name} to DKIM key ${selector}`} className={SECONDARY}>
        {pending ? "Checking DNS…" : `Switch to ${selector}`}
      </button>
      <div role="status" aria-live="polite" className="mt-2 max-w-xs text-sm">
        {result && <p className={result.ok ? "text-green-800" : "text-red-700"}>{result.message}</p>}
      </div>
    </div>
  );
}
