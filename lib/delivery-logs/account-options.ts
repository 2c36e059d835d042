// Accounts of a workspace for the log's account filter, and one account for the detail page.
import type { Db } from "../db";
import { requireAccount } from "../tenancy/loaders";

export async function listAccountOptions(db: Db, workspaceId: string): Promise<{ id: string; label: string }[]> {
  return db.smtpAccount.findMany({ where: { workspaceId }, select: { id: true, label: true }, orderBy: { label: "asc" }, take: 1000 });
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
