import type { AccountRow } from "@/lib/smtp-accounts/list-accounts";
import { AccountActions } from "./account-actions";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

type Props = {
  workspace: string;
  accounts: AccountRow[];
  canReveal: boolean;
  autoOpen?: { accountId: string; mode: "reveal" | "confirm-reset" };
};

export function AccountsTable({ workspace, accounts, canReveal, autoOpen }: Props) {
  if (accounts.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
        <p className="font-medium">No SMTP accounts yet</p>
        <p className="mt-1 text-sm text-slate-600">An admin creates an account for each application that sends mail, on one of the workspace&apos;s verified domains.</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">SMTP accounts</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Label</th>
            <th scope="col" className="px-4 py-3">Username</th>
            <th scope="col" className="px-4 py-3">From</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3">Created</th>
            <th scope="col" className="px-4 py-3">Last used</th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {accounts.map((a) => (
            <tr key={a.id}>
              <th scope="row" className="px-4 py-3 text-left font-medium">{a.label}</th>
              <td className="px-4 py-3 font-mono">{a.username}</td>
              <td className="px-4 py-3">{a.fromEmail}</td>
              <td className="px-4 py-3">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${a.status === "active" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>
                  {a.status}
                </span>
              </td>
              <td className="px-4 py-3 text-slate-600">{dateFormat.format(a.createdAt)}</td>
              <td className="px-4 py-3 text-slate-600">{a.lastUsedAt ? dateFormat.format(a.lastUsedAt) : "Never used"}</td>
              <td className="px-4 py-3">
                <AccountActions
                  workspace={workspace}
                  account={{ id: a.id, label: a.label, username: a.username }}
                  canReveal={canReveal}
                  autoOpen={autoOpen?.accountId === a.id ? autoOpen.mode : undefined}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
