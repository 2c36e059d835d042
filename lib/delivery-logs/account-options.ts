// Accounts of a workspace for the log's account filter, and one account for the detail page.
import type { Db } from "../db";
import { AppError } from "../errors/app-error";

export async function listAccountOptions(db: Db, workspaceId: string): Promise<{ id: string; label: string }[]> {
  return db.smtpAccount.findMany({ where: { workspaceId }, select: { id: true, label: true }, orderBy: { label: "asc" }, take: 1000 });
}

export async function getAccountSummary(db: Db, workspaceId: string, accountId: string) {
  const account = await db.smtpAccount.findFirst({
    where: { id: accountId, workspaceId },
    select: {
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
    },
  });
  if (!account) throw new AppError("NOT_FOUND", "This SMTP account does not exist in this workspace.");
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
