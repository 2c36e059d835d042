import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { LocalTime } from "@/components/ui/local-time";
import { RowHeader, Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import type { AccountSends } from "@/lib/charts/account-sends";
import type { AccountRow, TListAccountsQuery, UsageBadge } from "@/lib/smtp-accounts/list-accounts";
import { fromEmailText } from "@/lib/smtp-accounts/from-email";
import { ExpiryBadge } from "@/components/access-policy/expiry-badge";
import { AccountRowActions } from "./account-row-actions";
import { CopyUsernameButton, RowActionButtons } from "./row-action-buttons";
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
  /** Sends over the last 24 h per account id, in total and per hour. */
  sends: Map<string, AccountSends>;
  autoOpen?: { accountId: string; mode: "reveal" | "confirm-reset" | "confirm-rotate" };
  /** The page's clock, for the expiry badges. */
  now: Date;
  /** The workspace shows passwords only once (show-once mode). */
  showOnce?: boolean;
};

// Columns drop out as the screen narrows (From, then Last used, then Username and Sends) so a
// phone never scrolls the page sideways; the label cell repeats the username there.
// The rows are server HTML; one client component (AccountRowActions) handles their buttons.
export function AccountsTable({ workspace, accounts, query, canManage, testPorts, sends, autoOpen, now, showOnce }: Props) {
  const sortLink = (sort: TListAccountsQuery["sort"], label: string) => {
    const active = query.sort === sort;
    const dir = active && query.dir === "asc" ? "desc" : "asc";
    const params = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.filter ? { filter: query.filter } : {}), sort, dir });
    return (
      <Link href={`?${params}`} className="hover:underline" aria-label={`Sort by ${label}`}>
        {label}
        {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    );
  };
  const ariaSort = (sort: TListAccountsQuery["sort"]) => (query.sort === sort ? (query.dir === "asc" ? "ascending" : "descending") : undefined);
  const hasMenu = canManage || testPorts !== undefined;
  const rowAccounts = accounts.map((a) => ({ id: a.id, label: a.label, username: a.username, status: a.status, lastTest: testPorts ? a.lastTest : null }));
  return (
    <AccountRowActions workspace={workspace} accounts={rowAccounts} canManage={canManage} testPorts={testPorts} autoOpen={autoOpen} showOnce={showOnce}>
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
              <RowHeader className="max-w-[12rem] sm:max-w-[16rem]">
                <Link href={`/w/${workspace}/smtp-accounts/${a.id}`} title={a.label} className="break-words hover:underline sm:block sm:truncate">
                  {a.label}
                </Link>
                <span className="block break-all font-mono text-xs font-normal text-slate-500 sm:hidden">{a.username}</span>
              </RowHeader>
              <Td className="hidden whitespace-nowrap sm:table-cell">
                <span className="mr-1.5 font-mono text-xs">{a.username}</span>
                <CopyUsernameButton username={a.username} label={a.label} />
              </Td>
              {/* The From column takes the width the others leave and truncates (the full address on hover). */}
              <Td className="hidden w-full max-w-0 lg:table-cell lg:min-w-32">
                <span className="block truncate" title={fromEmailText(a.fromEmail)}>
                  {a.fromEmail.value}
                  {a.fromEmail.help && <span className="text-xs text-slate-500"> · {a.fromEmail.help}</span>}
                </span>
              </Td>
              <Td>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${a.status === "active" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>{a.status}</span>
                {a.expiry && (
                  <span className="ml-1.5 inline-block">
                    <ExpiryBadge expiry={a.expiry} now={now} />
                  </span>
                )}
              </Td>
              {/* One pill: how recent the last use was, in the usage colour (the usage word for screen readers and on hover). */}
              <Td className="hidden whitespace-nowrap md:table-cell">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[a.usage]}`} title={a.usage}>
                  {a.lastUsedAt ? (
                    <>
                      <span className="sr-only">{a.usage}, </span>
                      <LocalTime iso={a.lastUsedAt.toISOString()} relative />
                    </>
                  ) : (
                    a.usage
                  )}
                </span>
              </Td>
              <Td className="hidden whitespace-nowrap text-right sm:table-cell">
                <Sparkline values={sends.get(a.id)?.hourly ?? []} />
                <span className="ml-2 inline-block min-w-6 tabular-nums" data-dynamic="count">
                  {sends.get(a.id)?.total ?? 0}
                </span>
              </Td>
              <Td>
                <RowActionButtons account={a} canManage={canManage} hasMenu={hasMenu} showOnce={showOnce} />
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </AccountRowActions>
  );
}
