"use client";

import { useRouter } from "next/navigation";
import { useCallback, useId, useState, useTransition } from "react";
import { MenuList, type MenuItem } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { setAccountStatusAction } from "@/lib/actions/smtp-accounts/set-account-status";
import { CredentialsPanel, type PanelAccount, type PanelMode } from "./credentials-panel";
import { DeleteAccountDialog } from "./delete-account-dialog";
import { TestConnectionDialog, type TestConnectionInfo } from "./test-connection-dialog";

export type RowAccount = PanelAccount & { status: string; lastTest: TestConnectionInfo["lastTest"] };

type Props = {
  workspace: string;
  /** The accounts of the rows, by id, for the menu and the dialogs. */
  accounts: RowAccount[];
  canManage: boolean;
  /** Given to roles that may run Test connection (developer and up). */
  testPorts?: TestConnectionInfo["ports"];
  /** Opened by the URL (?reveal=, ?reset= or ?rotate=), e.g. on return from a step-up sign-in: each still waits for a click. */
  autoOpen?: { accountId: string; mode: "reveal" | "confirm-reset" | "confirm-rotate" };
  /** The workspace shows passwords only once: the panel explains that a password can only be replaced. */
  showOnce?: boolean;
  /** The server-rendered table, whose row buttons (row-action-buttons.tsx) carry `data-row-action` and `data-account`. */
  children: React.ReactNode;
};

type Open = { accountId: string; mode: PanelMode | "delete" | "test" } | null;

/**
 * The accounts table's behaviour: one handler for every row's buttons (View Credentials, the
 * actions menu, copy username) and the menu and dialogs they open. The rows carry no handlers
 * of their own, so a button clicked before hydration still does its plain-HTML part.
 */
export function AccountRowActions({ workspace, accounts, canManage, testPorts, autoOpen, showOnce = false, children }: Props) {
  const router = useRouter();
  const toast = useToast();
  const menuId = useId();
  const [open, setOpen] = useState<Open>(autoOpen ? { accountId: autoOpen.accountId, mode: autoOpen.mode === "reveal" ? "ask-reveal" : autoOpen.mode } : null);
  const [menu, setMenu] = useState<{ account: RowAccount; anchor: HTMLElement } | null>(null);
  const [pending, startTransition] = useTransition();
  const byId = (id: string | undefined) => accounts.find((a) => a.id === id);

  const openMenu = (account: RowAccount, anchor: HTMLElement) => {
    anchor.setAttribute("aria-expanded", "true");
    anchor.setAttribute("aria-controls", menuId);
    setMenu({ account, anchor });
  };
  const closeMenu = useCallback(() => {
    setMenu((m) => {
      m?.anchor.setAttribute("aria-expanded", "false");
      m?.anchor.removeAttribute("aria-controls");
      return null;
    });
  }, []);
  const close = () => {
    setOpen(null);
    if (autoOpen) router.replace(`/w/${workspace}/smtp-accounts`, { scroll: false });
  };

  const onClick = (e: React.MouseEvent) => {
    const button = (e.target as Element).closest<HTMLElement>("[data-row-action]");
    if (!button || !e.currentTarget.contains(button)) return;
    const action = button.dataset.rowAction;
    if (action === "copy") return void copy(button);
    const account = byId(button.dataset.account);
    if (!account) return;
    if (action === "reveal") {
      e.preventDefault(); // hydrated: open in place (the link is for clicks before hydration)
      setOpen({ accountId: account.id, mode: "reveal" });
    }
    if (action === "menu") {
      if (menu?.anchor === button) closeMenu();
      else openMenu(account, button);
    }
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const button = (e.target as Element).closest<HTMLElement>('[data-row-action="menu"]');
    const account = byId(button?.dataset.account);
    if (e.key !== "ArrowDown" || !button || !account || menu) return;
    e.preventDefault();
    openMenu(account, button);
  };
  const copy = async (button: HTMLElement) => {
    await navigator.clipboard.writeText(button.dataset.value ?? "");
    // An attribute React does not own, so the server's markup shows "Copied" for a moment.
    button.setAttribute("data-copied", "");
    toast("Copied to the clipboard");
    setTimeout(() => button.removeAttribute("data-copied"), 1500);
  };

  const itemsFor = (account: RowAccount): MenuItem[] => {
    const enable = account.status !== "active";
    const toggleStatus = () =>
      startTransition(async () => {
        const result = await setAccountStatusAction({ workspace, accountId: account.id, status: enable ? "active" : "disabled" });
        if (result.ok) toast(`${account.label} ${enable ? "enabled" : "disabled"}`);
        else toast(result.message, "error");
      });
    return [
      ...(testPorts ? [{ label: "Test connection", onSelect: () => setOpen({ accountId: account.id, mode: "test" }) }] : []),
      ...(canManage
        ? [
            { label: "Rotate password", onSelect: () => setOpen({ accountId: account.id, mode: "confirm-rotate" }) },
            { label: "Reset Password", onSelect: () => setOpen({ accountId: account.id, mode: "confirm-reset" }) },
            { label: pending ? (enable ? "Enabling…" : "Disabling…") : enable ? "Enable" : "Disable", onSelect: toggleStatus, disabled: pending },
            { label: "Delete", onSelect: () => setOpen({ accountId: account.id, mode: "delete" }), tone: "danger" as const },
          ]
        : []),
    ];
  };

  const target = byId(open?.accountId);
  return (
    <div onClick={onClick} onKeyDown={onKeyDown}>
      {children}
      {menu && <MenuList id={menuId} label={`Actions for ${menu.account.label}`} items={itemsFor(menu.account)} anchor={menu.anchor} onClose={closeMenu} />}
      {pending && (
        <span role="status" className="sr-only">
          Saving…
        </span>
      )}
      {target && (open?.mode === "reveal" || open?.mode === "ask-reveal" || open?.mode === "confirm-reset" || open?.mode === "confirm-rotate") && (
        <CredentialsPanel workspace={workspace} account={target} initialMode={open.mode} onClose={close} showOnce={showOnce} />
      )}
      {target && open?.mode === "delete" && <DeleteAccountDialog workspace={workspace} account={target} onClose={close} />}
      {target && open?.mode === "test" && testPorts && <TestConnectionDialog workspace={workspace} account={target} ports={testPorts} lastTest={target.lastTest} onClose={close} />}
    </div>
  );
}
