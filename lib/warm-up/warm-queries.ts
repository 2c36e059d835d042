// The portal's most frequent reads, run once as it starts (instrumentation.ts) for a workspace
// that does not exist: Prisma compiles each query's plan on its first use, and the driver opens
// its connection, so that cost is not paid by the first person to open SMTP Accounts or the
// Delivery Logs after a restart. Nothing is found, so nothing is read or kept; a failure here
// only means a slower first page, so it is counted, not thrown.
import type { Db } from "../db";
import { countExpiringSoon, workspaceMaxLifetime } from "../access-policy/account-policies";
import { accountSends24h } from "../charts/account-sends";
import { listMessages } from "../delivery-logs/list-messages";
import { listVerifiedDomainNames } from "../domains/list-domains";
import { listAccounts, ZListAccountsQuery } from "../smtp-accounts/list-accounts";

const NOBODY = "warm-up:no-such-workspace";

/** Runs the reads; resolves with how many of them failed. */
export async function warmQueries(db: Db): Promise<number> {
  const now = new Date();
  const workspaceId = NOBODY;
  const settled = await Promise.allSettled([
    workspaceMaxLifetime(db, workspaceId),
    listVerifiedDomainNames(db, workspaceId),
    countExpiringSoon(db, { workspaceId, maxPasswordLifetimeDays: null, now }),
    listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({}), now }),
    accountSends24h(db, { workspaceId, accountIds: [NOBODY], now }),
    listMessages({ db, workspaceId, query: {}, now }),
  ]);
  return settled.filter((s) => s.status === "rejected").length;
}
