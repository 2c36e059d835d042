"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { EyeIcon } from "@/components/ui/eye-icon";
import { setAccountStatusAction } from "@/lib/actions/smtp-accounts/set-account-status";
import { CredentialsPanel, type PanelAccount, type PanelMode } from "./credentials-panel";
import { DeleteAccountDialog } from "./delete-account-dialog";

type Props = {
  workspace: string;
  account: PanelAccount & { status: string };
  canManage: boolean;
  /** Opened by the URL (?reveal= or ?reset=), e.g. on return from a step-up sign-in: each still waits for a click. */
  autoOpen?: "reveal" | "confirm-reset";
  /** Extra controls for roles below admin (e.g. Test connection). */
  children?: React.ReactNode;
};

const buttonClass =
  "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500";

export function AccountActions({ workspace, account, canManage, autoOpen, children }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<PanelMode | "delete" | null>(autoOpen === "reveal" ? "ask-reveal" : (autoOpen ?? null));
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpen(null);
    if (autoOpen) router.replace(`/w/${workspace}/smtp-accounts`, { scroll: false });
  };
  const toggleStatus = async () => {
    const result = await setAccountStatusAction({ workspace, accountId: account.id, status: account.status === "active" ? "disabled" : "active" });
    setError(result.ok ? null : result.message);
  };
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {children}
      {canManage && (
        <>
          <button type="button" aria-label="View Credentials" title="View Credentials" onClick={() => setOpen("reveal")} className={`${buttonClass} p-1.5`}>
            <EyeIcon />
          </button>
          <button type="button" onClick={() => setOpen("confirm-reset")} className={buttonClass}>
            Reset Password
          </button>
          <button type="button" onClick={() => void toggleStatus()} className={buttonClass}>
            {account.status === "active" ? "Disable" : "Enable"}
          </button>
          <button type="button" onClick={() => setOpen("delete")} className={`${buttonClass} text-red-700`}>
            Delete
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="w-full text-right text-xs text-red-700">
          {error}
        </p>
      )}
      {open && open !== "delete" && <CredentialsPanel workspace={workspace} account={account} initialMode={open} onClose={close} />}
      {open === "delete" && <DeleteAccountDialog workspace={workspace} account={account} onClose={close} />}
    </div>
  );
}
