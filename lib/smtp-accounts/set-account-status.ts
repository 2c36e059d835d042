// Disabling and enabling an SMTP account (admin): a disabled account's AUTH and sends are
// refused by the relay at once. The change and its audit record commit together.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { requireAccount } from "../tenancy/loaders";
import type { Actor } from "./actor";

export async function setAccountStatus({ db, workspaceId, accountId, status, actor }: { db: Db; workspaceId: string; accountId: string; status: "active" | "disabled"; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const account = await requireAccount(tx, workspaceId, accountId, { id: true, label: true, status: true });
    if (account.status === status) return;
    await tx.smtpAccount.update({ where: { id: accountId, workspaceId }, data: { status } });
    await recordAudit(tx, actor, {
      action: status === "disabled" ? "account.disable" : "account.enable",
      workspaceId,
      target: { type: "smtp_account", id: accountId, label: account.label },
    });
  });
}
