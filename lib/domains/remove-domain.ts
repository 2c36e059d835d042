// Removing a domain (admin). SMTP accounts that send from it block the removal
// (SmtpAccount.domain is onDelete Restrict): the admin is told how many and which, and confirming
// removes exactly the set that was counted. A workspace may have thousands of accounts on one
// domain, so the confirmation is a digest of their ids rather than the ids themselves, and the
// dialog lists only the first few.
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import type { Actor } from "../smtp-accounts/actor";
import { requireDomain } from "../tenancy/loaders";

/** How many accounts the removal dialog names; the rest are counted. */
export const REMOVAL_ACCOUNTS_SHOWN = 50;

export type DomainRemovalPreview = {
  accountCount: number;
  /** The first REMOVAL_ACCOUNTS_SHOWN accounts by label. */
  accounts: { id: string; label: string; username: string }[];
  /** Confirms exactly this set of accounts: it changes when one is added, removed or moved. */
  confirmToken: string;
};

export type RemoveDomainResult = { removed: true; accountsRemoved: number } | { removed: false; preview: DomainRemovalPreview };

async function preview(tx: Pick<Db, "smtpAccount">, workspaceId: string, domainId: string): Promise<DomainRemovalPreview> {
  const ids = await tx.smtpAccount.findMany({ where: { workspaceId, domainId }, select: { id: true }, orderBy: { id: "asc" } });
  const accounts = await tx.smtpAccount.findMany({ where: { workspaceId, domainId }, select: { id: true, label: true, username: true }, orderBy: [{ label: "asc" }, { id: "asc" }], take: REMOVAL_ACCOUNTS_SHOWN });
  const digest = createHash("sha256");
  for (const { id } of ids) digest.update(`${id}\n`);
  return { accountCount: ids.length, accounts, confirmToken: digest.digest("base64url") };
}

/** What removing the domain would take with it, for the confirmation dialog. */
export async function previewDomainRemoval(db: Db, { workspaceId, domainId }: { workspaceId: string; domainId: string }): Promise<DomainRemovalPreview> {
  await requireDomain(db, workspaceId, domainId, { id: true });
  return preview(db, workspaceId, domainId);
}

export async function removeDomain({
  db,
  workspaceId,
  domainId,
  confirmToken,
  actor,
}: {
  db: Db;
  workspaceId: string;
  domainId: string;
  /** The preview's token the admin confirmed (none at first: an unused domain needs none). */
  confirmToken: string | null;
  actor: Actor;
}): Promise<RemoveDomainResult> {
  return db.$transaction(async (tx) => {
    const domain = await requireDomain(tx, workspaceId, domainId, { id: true, name: true });
    const current = await preview(tx, workspaceId, domainId);
    // Confirmation covers only the accounts counted: one created or moved meanwhile asks again.
    if (current.accountCount > 0 && confirmToken !== current.confirmToken) return { removed: false as const, preview: current };
    if (current.accountCount > 0) await tx.smtpAccount.deleteMany({ where: { workspaceId, domainId } });
    await tx.domain.delete({ where: { id: domainId, workspaceId } });
    await recordAudit(tx, actor, {
      action: "domain.remove",
      workspaceId,
      target: { type: "domain", id: domainId, label: domain.name },
      // The count, and the usernames the dialog named (a domain may carry thousands of accounts).
      metadata: current.accountCount > 0 ? { accountsRemoved: current.accountCount, usernames: current.accounts.map((a) => a.username) } : undefined,
    });
    return { removed: true as const, accountsRemoved: current.accountCount };
  });
}
