// Removing a domain (admin). SMTP accounts that send from it block the removal
// (SmtpAccount.domain is onDelete Restrict): the admin is told which, and confirming removes
// exactly the accounts shown with it.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import type { Actor } from "../smtp-accounts/actor";
import { requireDomain } from "../tenancy/loaders";

export type RemoveDomainResult = { removed: true; accountsRemoved: number } | { removed: false; accounts: { id: string; label: string; username: string }[] };

export async function removeDomain({
  db,
  workspaceId,
  domainId,
  confirmAccountIds,
  actor,
}: {
  db: Db;
  workspaceId: string;
  domainId: string;
  /** The accounts the admin was shown and confirmed removing with the domain (none at first). */
  confirmAccountIds: readonly string[];
  actor: Actor;
}): Promise<RemoveDomainResult> {
  return db.$transaction(async (tx) => {
    const domain = await requireDomain(tx, workspaceId, domainId, { id: true, name: true });
    const accounts = await tx.smtpAccount.findMany({ where: { workspaceId, domainId }, select: { id: true, label: true, username: true }, orderBy: { label: "asc" } });
    // Confirmation covers only the accounts shown: one created meanwhile asks again.
    if (accounts.some((a) => !confirmAccountIds.includes(a.id))) return { removed: false as const, accounts };
    if (accounts.length > 0) await tx.smtpAccount.deleteMany({ where: { workspaceId, domainId } });
    await tx.domain.delete({ where: { id: domainId, workspaceId } });
    await recordAudit(tx, actor, {
      action: "domain.remove",
      workspaceId,
      target: { type: "domain", id: domainId, label: domain.name },
      metadata: accounts.length > 0 ? { accountsRemoved: accounts.map((a) => a.username) } : undefined,
    });
    return { removed: true as const, accountsRemoved: accounts.length };
  });
}
