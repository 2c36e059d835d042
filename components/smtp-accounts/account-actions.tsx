"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { EyeIcon } from "@/components/ui/eye-icon";
import { CredentialsPanel, type PanelAccount } from "./credentials-panel";

type Props = {
  workspace: string;
  account: PanelAccount;
  canReveal: boolean;
  /** Opened by the URL (?reveal= or ?reset=), e.g. on return from a step-up sign-in. */
  autoOpen?: "reveal" | "confirm-reset";
};

export function AccountActions({ workspace, account, canReveal, autoOpen }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<"reveal" | "confirm-reset" | null>(autoOpen ?? null);
  if (!canReveal) return null;
  const close = () => {
    setOpen(null);
    if (autoOpen) router.replace(`/w/${workspace}/smtp-accounts`, { scroll: false });
  };
  return (
    <div className="flex items-center justify-end gap-2">
      <button
        type="button"
        aria-label="View Credentials"
        title="View Credentials"
        onClick={() => setOpen("reveal")}
        className="rounded-md border border-slate-300 p-1.5 text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        <EyeIcon />
      </button>
      <button
        type="button"
        onClick={() => setOpen("confirm-reset")}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        Reset Password
      </button>
      {open && <CredentialsPanel workspace={workspace} account={account} initialMode={open} onClose={close} />}
    </div>
  );
}
