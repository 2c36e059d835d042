"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { EyeIcon } from "@/components/ui/eye-icon";
import { Menu, type MenuItem } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { setAccountStatusAction } from "@/lib/actions/smtp-accounts/set-account-status";
import { CredentialsPanel, type PanelAccount, type PanelMode } from "./credentials-panel";
import { DeleteAccountDialog } from "./delete-account-dialog";
import { TestConnectionDialog, type TestConnectionInfo } from "./test-connection-dialog";

type Props = {
  workspace: string;
  account: PanelAccount & { status: string };
  canManage: boolean;
  /** Given to roles that may run Test connection (developer and up). */
  test?: TestConnectionInfo;
  /** Opened by the URL (?reveal=, ?reset= or ?rotate=), e.g. on return from a step-up sign-in: each still waits for a click. */
  autoOpen?: "reveal" | "confirm-reset" | "confirm-rotate";
  /** The workspace shows passwords only once: the eye explains that a password can only be replaced. */
  showOnce?: boolean;
};

type Open = PanelMode | "delete" | "test" | null;

const buttonClass =
  "rounded-md border border-slate-300 p-1.5 text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500";

/** The row's actions: View Credentials up front (the one people come for), the rest in a menu. */
export function AccountActions({ workspace, account, canManage, test, autoOpen, showOnce = false }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState<Open>(autoOpen === "reveal" ? "ask-reveal" : (autoOpen ?? null));
  const [pending, startTransition] = useTransition();
  const close = () => {
    setOpen(null);
    if (autoOpen) router.replace(`/w/${workspace}/smtp-accounts`, { scroll: false });
  };
  const enable = account.status !== "active";
  const toggleStatus = () =>
    startTransition(async () => {
      const result = await setAccountStatusAction({ workspace, accountId: account.id, status: enable ? "active" : "disabled" });
      if (result.ok) toast(`${account.label} ${enable ? "enabled" : "disabled"}`);
      else toast(result.message, "error");
    });

  const items: MenuItem[] = [
    ...(test ? [{ label: "Test connection", onSelect: () => setOpen("test") }] : []),
    ...(canManage
      ? [
          { label: "Rotate password", onSelect: () => setOpen("confirm-rotate") },
          { label: "Reset Password", onSelect: () => setOpen("confirm-reset") },
          { label: pending ? (enable ? "Enabling…" : "Disabling…") : enable ? "Enable" : "Disable", onSelect: toggleStatus, disabled: pending },
          { label: "Delete", onSelect: () => setOpen("delete"), tone: "danger" as const },
        ]
      : []),
  ];
  if (items.length === 0) return null;

  return (
    <div className="flex items-center justify-end gap-1.5">
      {canManage && (
        <button
          type="button"
          aria-label="View Credentials"
          title={showOnce ? "Passwords are shown only once in this workspace: this one can only be replaced" : "View Credentials"}
          onClick={() => setOpen("reveal")}
          className={buttonClass}
        >
          <EyeIcon />
        </button>
      )}
      <Menu label={`Actions for ${account.label}`} items={items} trigger={pending ? <span aria-hidden="true">…</span> : undefined} />
      {pending && (
        <span role="status" className="sr-only">
          Saving…
        </span>
      )}
      {(open === "reveal" || open === "ask-reveal" || open === "confirm-reset" || open === "confirm-rotate") && (
        <CredentialsPanel workspace={workspace} account={account} initialMode={open} onClose={close} showOnce={showOnce} />
      )}
      {open === "delete" && <DeleteAccountDialog workspace={workspace} account={account} onClose={close} />}
      {open === "test" && test && <TestConnectionDialog workspace={workspace} account={account} {...test} onClose={close} />}
    </div>
  );
}
