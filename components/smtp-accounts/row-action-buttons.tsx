// The buttons of one accounts-table row, as plain HTML: AccountRowActions (around the table)
// finds them by `data-row-action` and `data-account` and does the rest.
// View Credentials is a link to `?reveal=<id>`, so a click that lands before the page has
// hydrated still opens the panel (the server opens it from the URL, asking for the Reveal click).
import { EyeIconUse } from "@/components/ui/eye-icon";
import { menuButtonClass } from "@/components/ui/menu-button-class";

export function CopyUsernameButton({ username, label }: { username: string; label: string }) {
  return (
    // Its text, "Copy" or "Copied", is the copy-button class's (app/globals.css): one element per row.
    <button type="button" data-row-action="copy" data-value={username} aria-label={`Copy username of ${label}`} className="row-button copy-button bg-white px-1.5 py-0.5 text-[11px] font-medium" />
  );
}

/** View Credentials up front (the one people come for), the rest behind the menu button. */
export function RowActionButtons({ account, canManage, hasMenu, showOnce = false }: { account: { id: string; label: string }; canManage: boolean; hasMenu: boolean; showOnce?: boolean }) {
  const title = showOnce ? "Passwords are shown only once in this workspace: this one can only be replaced" : "View Credentials";
  return (
    <div className="flex items-center justify-end gap-1.5">
      {canManage && (
        <a href={`?reveal=${encodeURIComponent(account.id)}`} data-row-action="reveal" data-account={account.id} aria-label="View Credentials" title={title} className="row-button inline-flex p-1.5">
          <EyeIconUse />
        </a>
      )}
      {hasMenu && (
        <button type="button" data-row-action="menu" data-account={account.id} aria-label={`Actions for ${account.label}`} aria-haspopup="menu" aria-expanded="false" className={menuButtonClass}>
          ⋯
        </button>
      )}
    </div>
  );
}
