// The SMTP Accounts table: its rows as plain data for AccountsTableView (a client component:
// see accounts-table-view.tsx for why), inside AccountRowActions, the menu and dialogs.
import type { AccountSends } from "@/lib/charts/account-sends";
import type { AccountRow, TListAccountsQuery } from "@/lib/smtp-accounts/list-accounts";
import { sparklinePaths } from "@/components/charts/sparkline-paths";
import { AccountRowActions } from "./account-row-actions";
import { AccountsTableView, type AccountTableRow } from "./accounts-table-view";
import type { TestConnectionInfo } from "./test-connection-dialog";

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

export function AccountsTable({ workspace, accounts, query, canManage, testPorts, sends, autoOpen, now, showOnce }: Props) {
  const rows: AccountTableRow[] = accounts.map((a) => {
    const sent = sends.get(a.id);
    return {
      id: a.id,
      label: a.label,
      username: a.username,
      fromEmail: a.fromEmail,
      status: a.status,
      expiry: a.expiry,
      usage: a.usage,
      lastUsedAt: a.lastUsedAt?.toISOString() ?? null,
      sends: { total: sent?.total ?? 0, paths: sparklinePaths(sent?.hourly ?? []) },
    };
  });
  const rowAccounts = accounts.map((a) => ({ id: a.id, label: a.label, username: a.username, status: a.status, lastTest: testPorts ? a.lastTest : null }));
  return (
    <AccountRowActions workspace={workspace} accounts={rowAccounts} canManage={canManage} testPorts={testPorts} autoOpen={autoOpen} showOnce={showOnce}>
      <AccountsTableView
        workspace={workspace}
        rows={rows}
        query={{ q: query.q, filter: query.filter, sort: query.sort, dir: query.dir }}
        canManage={canManage}
        hasMenu={canManage || testPorts !== undefined}
        now={now}
        showOnce={showOnce}
      />
    </AccountRowActions>
  );
}
