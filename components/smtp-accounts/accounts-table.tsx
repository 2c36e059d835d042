import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { RowHeader, Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import type { AccountRow, TListAccountsQuery, UsageBadge } from "@/lib/smtp-accounts/list-accounts";
import { AccountActions } from "./account-actions";
import type { TestConnectionInfo } from "./test-connection-dialog";

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
  /** Relay ports for Test connection, given to roles that may run it. */
  testPorts?: TestConnectionInfo["ports"];
  /** Hourly sends over the last 24 h per account id. */
  sparklines: Map<string, number[]>;
  autoOpen?: { accountId: string; mode: "reveal" | "confirm-reset" | "confirm-rotate" };
  /** The workspace shows passwords only once (show-once mode). */
  showOnce?: boolean;
};

// Columns drop out as the screen narrows (From, then Last used, then Username and Sends) so a
// phone never scrolls the page sideways; the label cell repeats the username there.
export function AccountsTable({ workspace, accounts, query, canManage, testPorts, sparklines, autoOpen, showOnce }: Props) {
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
    <Table caption="SMTP accounts">
      <TableHead>
        <Th aria-sort={ariaSort("label")}>{sortLink("label", "Label")}</Th>
        <Th className="hidden sm:table-cell" aria-sort={ariaSort("username")}>
          {sortLink("username", "Username")}
        </Th>
        <Th className="hidden lg:table-cell">From</Th>
        <Th>Status</Th>
        <Th className="hidden md:table-cell" aria-sort={ariaSort("lastUsed")}>
          {sortLink("lastUsed", "Last used")}
        </Th>
        <Th className="hidden text-right sm:table-cell">Sends 24 h</Th>
        <Th srOnly>Actions</Th>
      </TableHead>
      <TableBody>
        {accounts.map((a) => (
          <tr key={a.id} className="hover:bg-slate-50/60">
            <RowHeader className="max-w-[12rem] sm:max-w-none">
              <Link href={`/w/${workspace}/smtp-accounts/${a.id}`} className="break-words hover:underline">
                {a.label}
              </Link>
              <span className="block break-all font-mono text-xs font-normal text-slate-500 sm:hidden">{a.username}</span>
            </RowHeader>
            <Td className="hidden whitespace-nowrap sm:table-cell">
              <span className="mr-1.5 font-mono text-xs">{a.username}</span>
              <CopyButton value={a.username} label={`Copy username of ${a.label}`} compact />
            </Td>
            <Td className="hidden max-w-[16rem] lg:table-cell">
              <span className="block truncate" title={a.fromEmail.value}>
                {a.fromEmail.value}
              </span>
              {a.fromEmail.help && <span className="block text-xs text-slate-500">{a.fromEmail.help}</span>}
            </Td>
            <Td>
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${a.status === "active" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>{a.status}</span>
            </Td>
            <Td className="hidden whitespace-nowrap text-slate-600 md:table-cell">
              <span className={`mr-2 rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[a.usage]}`}>{a.usage}</span>
              {a.lastUsedAt && <LocalTime iso={a.lastUsedAt.toISOString()} relative />}
            </Td>
            <Td className="hidden whitespace-nowrap text-right sm:table-cell">
              <Sparkline values={sparklines.get(a.id) ?? []} />
              <span className="ml-2 inline-block min-w-8 tabular-nums" data-dynamic="count">
                {a.sends24h}
              </span>
            </Td>
            <Td>
              <AccountActions
                workspace={workspace}
                account={{ id: a.id, label: a.label, username: a.username, status: a.status }}
                canManage={canManage}
                test={testPorts ? { ports: testPorts, lastTest: a.lastTest } : undefined}
                autoOpen={autoOpen?.accountId === a.id ? autoOpen.mode : undefined}
                showOnce={showOnce}
              />
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
