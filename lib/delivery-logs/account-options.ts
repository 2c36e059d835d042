// Accounts of a workspace for the logs' account filter (searched on demand by the combobox, a
// few at a time: a workspace may have 10,000), and one account for the detail page.
import { containsIgnoringCase, type Db } from "../db";
import { requireAccount } from "../tenancy/loaders";

export type AccountOption = { id: string; label: string };
export const OPTIONS_LIMIT = 20;

/** The first accounts by label whose label contains `q` (any case), or the first of all. */
export async function searchAccountOptions(db: Db, workspaceId: string, q: string | undefined): Promise<AccountOption[]> {
  const text = q?.trim().slice(0, 100);
  return db.smtpAccount.findMany({
    where: { workspaceId, ...(text ? { label: containsIgnoringCase(db, text) } : {}) },
    select: { id: true, label: true },
    orderBy: [{ label: "asc" }, { id: "asc" }],
    take: OPTIONS_LIMIT,
  });
}

/** The selected account's option (its label for the filter), or null when it is not in the workspace. */
export async function accountOption(db: Db, workspaceId: string, id: string | undefined): Promise<AccountOption | null> {
  if (!id) return null;
  return db.smtpAccount.findFirst({ where: { id, workspaceId }, select: { id: true, label: true } });
}

export async function getAccountSummary(db: Db, workspaceId: string, accountId: string) {
  const account = await requireAccount(db, workspaceId, accountId, {
    id: true,
    label: true,
    username: true,
    status: true,
    fromAddress: true,
    passwordVersion: true,
    passwordChangedAt: true,
    createdAt: true,
    lastUsedAt: true,
    domain: { select: { name: true } },
  });
  return account;
}

/** Recipient domains of listed messages (for the review's per-row flags), inside the workspace. */
export async function recipientDomainsOf(db: Db, workspaceId: string, messageIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (messageIds.length === 0) return map;
  const rows = await db.messageRecipient.findMany({ where: { workspaceId, messageId: { in: messageIds } }, select: { messageId: true, domain: true } });
  for (const r of rows) map.set(r.messageId, [...(map.get(r.messageId) ?? []), r.domain]);
  return map;
}
