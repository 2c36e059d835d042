// The portal's reads, run as it starts (instrumentation.ts) for a workspace that does not exist:
// Prisma compiles a plan for each query shape on its first use, and the driver opens its
// connections, so that cost is not paid by the first person to open a page after a restart.
// The shapes follow the pages' own calls (each sort of SMTP Accounts, each Delivery Logs filter,
// the charts): a filter or sort first used after a restart took 90-240 ms in the benchmark's cold
// pass. Nothing is found, so nothing is read or kept; a read that fails here only means a slower
// first page, so it is counted, not thrown.
import { countExpiringSoon, getAccountPolicies, workspaceMaxLifetime } from "../access-policy/account-policies";
import { listAlerts } from "../alerts/list-alerts";
import { alertOptOuts } from "../alerts/alert-settings";
import { listAuditEvents, parseAuditQuery } from "../audit/list-audit";
import { accountSends24h } from "../charts/account-sends";
import { filteredVolume, stripWindow } from "../charts/filtered-volume";
import { authFailures, loginsByIp } from "../charts/login-activity";
import { messageVolume } from "../charts/message-volume";
import { chartWindow } from "../charts/range";
import { topAccounts } from "../charts/top-accounts";
import type { Db } from "../db";
import { accountOption, getAccountSummary, searchAccountOptions } from "../delivery-logs/account-options";
import { parseDeliveryLogQuery, timeWindow } from "../delivery-logs/filters";
import { listLoginEvents, parseLoginEventQuery } from "../delivery-logs/login-events";
import { listMessages } from "../delivery-logs/list-messages";
import { listDomains, listVerifiedDomainNames } from "../domains/list-domains";
import { AppError } from "../errors/app-error";
import { openIncidents } from "../incidents/report-compromise";
import { ACCOUNT_FILTERS } from "../access-policy/account-filters";
import { encodeCursor } from "../delivery-logs/filters";
import { ACCOUNT_SORTS, type AccountSort, encodeAccountCursor } from "../smtp-accounts/account-cursor";
import { revealHistory } from "../smtp-accounts/credentials-view";
import { listAccounts, ZListAccountsQuery } from "../smtp-accounts/list-accounts";
import { listSuppressions, parseSuppressionQuery } from "../suppressions/list-suppressions";
import { listWebhookEndpoints } from "../webhooks/list-endpoints";
import { WARM_UP_USER, WARM_UP_WORKSPACE_ID } from "./principal";

// The warm-up principal's workspace: it does not exist, so every read finds nothing.
const NOBODY = WARM_UP_WORKSPACE_ID;

/**
 * An account or cursor id no row has (ids are cuids), in the form the URL parsers accept: a
 * parameter they refuse is dropped, and the warm-up would quietly run the shape without it.
 */
const NO_ROW = "warm-up";

/** The Delivery Logs filters the page offers, as their query strings would parse; LOG_FILTERS has each from the newest page and after a cursor. */
const FILTERS: Record<string, string>[] = [
  {},
  { preset: "24h" },
  { preset: "7d", status: "delivered" },
  { status: "deferred" },
  { preset: "7d", rcpt: "warm-up.invalid" },
  { preset: "7d", rcpt: "nobody@warm-up.invalid" },
  { rcpt: "warm-up.invalid", account: NO_ROW },
  { preset: "7d", rcpt: "warm-up.invalid", status: "delivered" },
  { preset: "7d", account: NO_ROW },
  { account: NO_ROW },
];
export const LOG_FILTERS = FILTERS.flatMap((filter) => [filter, { ...filter, cursor: encodeCursor({ createdAt: new Date(0), id: NO_ROW }) }]);

/**
 * Every shape the SMTP Accounts list's query takes: each sort both ways, from the first page and
 * after a cursor (for "last used" also after a never-used account), with and without a search,
 * and each policy filter. Each is a query Prisma plans once, on its first use.
 */
export function accountListQueries(): Record<string, string>[] {
  const cursors = (sort: AccountSort) => [
    undefined,
    encodeAccountCursor({ value: sort === "created" || sort === "lastUsed" ? new Date(0).toISOString() : NO_ROW, id: NO_ROW }),
    ...(sort === "lastUsed" ? [encodeAccountCursor({ value: null, id: NO_ROW })] : []),
  ];
  const sorted = ACCOUNT_SORTS.flatMap((sort) =>
    (["asc", "desc"] as const).flatMap((dir) =>
      cursors(sort).flatMap((after) => {
        const page: Record<string, string> = after ? { sort, dir, after } : { sort, dir };
        return [page, { ...page, q: NO_ROW }];
      }),
    ),
  );
  return [...sorted, ...ACCOUNT_FILTERS.map((filter) => ({ filter }))];
}

/** Runs the reads; resolves with how many of them failed. */
export async function warmQueries(db: Db): Promise<number> {
  const now = new Date();
  const workspaceId = NOBODY;
  const workspace = { id: NOBODY, slug: NOBODY };
  const accountId = NO_ROW;
  const accounts = accountListQueries().map((q) => listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse(q), now }));
  const logs = LOG_FILTERS.flatMap((raw) => {
    const query = parseDeliveryLogQuery(raw);
    const { from, to } = timeWindow(query, now);
    return [listMessages({ db, workspaceId, query, now }), filteredVolume(db, { workspaceId, query, window: stripWindow(from, to, now) })];
  });
  // Reads of one account that does not exist answer NOT_FOUND, as the pages expect.
  const missing = (read: Promise<unknown>) => read.catch((e: unknown) => (e instanceof AppError && e.code === "NOT_FOUND" ? undefined : Promise.reject(e)));
  const settled = await Promise.allSettled([
    // SMTP Accounts
    workspaceMaxLifetime(db, workspaceId),
    listVerifiedDomainNames(db, workspaceId),
    countExpiringSoon(db, { workspaceId, maxPasswordLifetimeDays: null, now }),
    ...accounts,
    accountSends24h(db, { workspaceId, accountIds: [accountId], now }),
    // Delivery Logs and the account filter
    ...logs,
    accountOption(db, workspaceId, accountId),
    searchAccountOptions(db, workspaceId, "warm-up"),
    // Overview
    messageVolume(db, { workspaceId, window: chartWindow("24h", now) }),
    topAccounts(db, { workspaceId, window: chartWindow("24h", now) }),
    authFailures(db, { workspaceId, window: chartWindow("24h", now) }),
    listAlerts({ db, workspace }),
    alertOptOuts(db, workspaceId, WARM_UP_USER.id),
    // An account's page, View Credentials
    missing(getAccountSummary(db, workspaceId, accountId)),
    missing(getAccountPolicies(db, { workspaceId, accountId, now })),
    listLoginEvents({ db, workspaceId, accountId, query: parseLoginEventQuery({}) }),
    openIncidents(db, workspaceId, accountId),
    listAlerts({ db, workspace, accountId, take: 10 }),
    messageVolume(db, { workspaceId, accountId, window: chartWindow("7d", now) }),
    loginsByIp(db, { workspaceId, accountId, window: chartWindow("7d", now) }),
    revealHistory(db, workspaceId, accountId),
    // Domains, Audit Log, Suppressions, Webhooks
    listDomains(db, { workspaceId, spfHost: "warm-up.invalid", now }),
    listAuditEvents({ db, workspaceId, query: parseAuditQuery({}) }),
    listSuppressions({ db, workspaceId, query: parseSuppressionQuery({}) }),
    listWebhookEndpoints({ db, workspaceId }),
  ]);
  return settled.filter((s) => s.status === "rejected").length;
}
