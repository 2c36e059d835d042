"use client";
// The SMTP Accounts table's markup, rendered from plain row data (accounts-table.tsx builds it).
// A client component on purpose: the rows are still server-rendered HTML, but React sends a
// server component's rendered tree a second time as the RSC payload, and for 50 rows that
// payload (~250 KB) and its rendering were most of the page's time. A client component's RSC
// payload is its props, a few hundred bytes a row; measured on the seeded benchmark data, the
// page went from ~55 to ~39 ms of portal CPU and from 416 to 166 KB, and a client-side sort or
// next page from 218 KB to 39 KB. The row buttons still work before hydration (row-action-buttons.tsx).
import Link from "next/link";
import { Sparkline, type SparklinePaths } from "@/components/charts/sparkline";
import { LocalTime } from "@/components/ui/local-time";
import { RowHeader, Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import type { TListAccountsQuery, UsageBadge } from "@/lib/smtp-accounts/list-accounts";
import { type FromEmail, fromEmailText } from "@/lib/smtp-accounts/from-email";
import type { ExpiryBadge as Expiry } from "@/lib/access-policy/account-filters";
import { ExpiryBadge } from "@/components/access-policy/expiry-badge";
import { EyeIconSymbol } from "@/components/ui/eye-icon";
import { CopyUsernameButton, RowActionButtons } from "./row-action-buttons";

const BADGE: Record<UsageBadge, string> = {
  Active: "bg-emerald-50 text-emerald-700",
  Quiet: "bg-sky-50 text-sky-700",
  Dormant: "bg-amber-50 text-amber-800",
  "Never used": "bg-slate-100 text-slate-600",
};

/** What a row shows, and nothing more: these are the page's RSC payload. */
export type AccountTableRow = {
  id: string;
  label: string;
  username: string;
  fromEmail: FromEmail;
  status: string;
  expiry: Expiry | null;
  usage: UsageBadge;
  lastUsedAt: string | null;
  /** Sends over the last 24 h, and their hourly line. */
  sends: { total: number; paths: SparklinePaths };
};

type Props = {
  workspace: string;
  rows: AccountTableRow[];
  query: Pick<TListAccountsQuery, "q" | "filter" | "sort" | "dir">;
  canManage: boolean;
  hasMenu: boolean;
  /** The page's clock, for the expiry badges and the last use's "3 days ago" before hydration. */
  now: Date;
  showOnce?: boolean;
};

// Columns drop out as the screen narrows (From, then Last used, then Username and Sends) so a
// phone never scrolls the page sideways; the label cell repeats the username there.
// AccountRowActions, around the table, handles the row buttons.
export function AccountsTableView({ workspace, rows, query, canManage, hasMenu, now, showOnce }: Props) {
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
  return (
    <>
      <EyeIconSymbol />
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
          {rows.map((a) => (
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
                <span className={`pill ${a.status === "active" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>{a.status}</span>
                {a.expiry && (
                  <span className="ml-1.5 inline-block">
                    <ExpiryBadge expiry={a.expiry} now={now} />
                  </span>
                )}
              </Td>
              {/* One pill: how recent the last use was, in the usage colour (the usage word for screen readers and on hover). */}
              <Td className="hidden whitespace-nowrap md:table-cell">
                <span className={`pill ${BADGE[a.usage]}`} title={a.usage}>
                  {a.lastUsedAt ? (
                    <>
                      <span className="sr-only">{a.usage}, </span>
                      <LocalTime iso={a.lastUsedAt} relative now={now} />
                    </>
                  ) : (
                    a.usage
                  )}
                </span>
              </Td>
              <Td className="hidden whitespace-nowrap text-right sm:table-cell">
                <Sparkline paths={a.sends.paths} />
                <span className="ml-2 inline-block min-w-6 tabular-nums" data-dynamic="count">
                  {a.sends.total}
                </span>
              </Td>
              <Td>
                <RowActionButtons account={a} canManage={canManage} hasMenu={hasMenu} showOnce={showOnce} />
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
