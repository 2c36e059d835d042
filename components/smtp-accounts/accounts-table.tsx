import Link from "next/link";
import type { AccountRow, TListAccountsQuery, UsageBadge } from "@/lib/smtp-accounts/list-accounts";
import { AccountActions } from "./account-actions";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

const BADGE: Record<UsageBadge, string> = {
  Active: "bg-emerald-50 text-emerald-700",
  Quiet: "bg-sky-50 text-sky-700",
  Dormant: "bg-amber-50 text-amber-800",
  "Never used": "bg-slate-100 text-slate-600",
};

type Props = {
  workspace: string;
  accounts: AccountRow[];
  query: TListAccountsQuery;
  canManage: boolean;
  autoOpen?: { accountId: string; mode: "reveal" | "confirm-reset" };
  /** Per-row extra controls (e.g. Test connection for developers). */
  rowExtras?: (account: AccountRow) => React.ReactNode;
};

export function AccountsTable({ workspace, accounts, query, canManage, autoOpen, rowExtras }: Props) {
  const sortLink = (sort: TListAccountsQuery["sort"], label: string) => {
    const active = query.sort === sort;
    const dir = active && query.dir === "asc" ? "desc" : "asc";
    const params = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), sort, dir });
    return (
      <Link href={`?${params}`} className="hover:underline" aria-label={`Sort by ${label}`}>
        {label}
        {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    );
  };
  const ariaSort = (sort: TListAccountsQuery["sort"]) => (query.sort === sort ? (query.dir === "asc" ? "ascending" : "descending") : undefined);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">SMTP accounts</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3" aria-sort={ariaSort("label")}>
              {sortLink("label", "Label")}
            </th>
            <th scope="col" className="px-4 py-3" aria-sort={ariaSort("username")}>
              {sortLink("username", "Username")}
            </th>
            <th scope="col" className="px-4 py-3">From</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3" aria-sort={ariaSort("created")}>
              {sortLink("created", "Created")}
            </th>
            <th scope="col" className="px-4 py-3" aria-sort={ariaSort("lastUsed")}>
              {sortLink("lastUsed", "Last used")}
            </th>
            <th scope="col" className="px-4 py-3 text-right">Sends 24 h</th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {accounts.map((a) => (
            <tr key={a.id}>
              <th scope="row" className="px-4 py-3 text-left font-medium">
                <Link href={`/w/${workspace}/smtp-accounts/${a.id}`} className="hover:underline">
                  {a.label}
                </Link>
              </th>
              <td className="px-4 py-3 font-mono">{a.username}</td>
              <td className="px-4 py-3">
                {a.fromEmail.value}
                {a.fromEmail.help && <span className="block text-xs text-slate-500">{a.fromEmail.help}</span>}
              </td>
              <td className="px-4 py-3">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${a.status === "active" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>
                  {a.status}
                </span>
              </td>
              <td className="px-4 py-3 text-slate-600">{dateFormat.format(a.createdAt)}</td>
              <td className="px-4 py-3 text-slate-600">
                <span className={`mr-2 rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[a.usage]}`}>{a.usage}</span>
                {a.lastUsedAt && <time dateTime={a.lastUsedAt.toISOString()}>{dateFormat.format(a.lastUsedAt)}</time>}
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{a.sends24h}</td>
              <td className="px-4 py-3">
                <AccountActions
                  workspace={workspace}
                  account={{ id: a.id, label: a.label, username: a.username, status: a.status }}
                  canManage={canManage}
                  autoOpen={autoOpen?.accountId === a.id ? autoOpen.mode : undefined}
                >
                  {rowExtras?.(a)}
                </AccountActions>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
