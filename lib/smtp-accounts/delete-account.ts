// Deleting an SMTP account (admin). The change and its audit record commit together.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import { requireAccount } from "../tenancy/loaders";
import type { Actor } from "./actor";

/** Deleting asks the admin to type the username; the account's messages stay in the log. */
export async function deleteAccount({ db, workspaceId, accountId, confirmUsername, actor }: { db: Db; workspaceId: string; accountId: string; confirmUsername: string; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const account = await requireAccount(tx, workspaceId, accountId, { id: true, label: true, username: true });
    if (confirmUsername.trim() !== account.username)
      throw new AppError("INVALID_INPUT", `confirmUsername: type the username ${account.username} exactly to delete this account.`, "confirmUsername");
    await tx.smtpAccount.delete({ where: { id: accountId, workspaceId } });
    await recordAudit(tx, actor, {
      action: "account.delete",
      workspaceId,
      target: { type: "smtp_account", id: accountId, label: account.label },
      metadata: { username: account.username },
    });
  });
}
