"use client";

import { useState, useTransition } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteAccountAction } from "@/lib/actions/smtp-accounts/delete-account";
import type { PanelAccount } from "./credentials-panel";

export function DeleteAccountDialog({ workspace, account, onClose }: { workspace: string; account: PanelAccount; onClose: () => void }) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const submit = () =>
    startTransition(async () => {
      const result = await deleteAccountAction({ workspace, accountId: account.id, confirmUsername: typed });
      if (result.ok) {
        toast(`${account.label} deleted`);
        onClose();
      } else setError(result.message);
    });
  return (
    <ModalDialog open title={`Delete ${account.label}?`} onClose={onClose}>
      <p className="text-sm text-slate-700">
        Applications using <span className="font-mono">{account.username}</span> will no longer be able to send. Its messages stay in the delivery log.
      </p>
      <label htmlFor="confirm-username" className="mt-4 block text-sm font-medium">
        Type the username to confirm
      </label>
      <input
        id="confirm-username"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
      />
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="mt-4 flex gap-2">
        <button
          type="button"
          disabled={typed !== account.username || pending}
          onClick={submit}
          className="rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-50"
        >
          {pending ? "Deleting…" : `Delete ${account.label}`}
        </button>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
