// old_password_version: a message stored under a password version older than the account's
// current one, created after the change. The relay refuses such messages inside its commit
// transaction, so this should never fire; if it does, something bypassed that check. A planned
// rotation's previous version is legitimate until its grace window ends.
import type { Db } from "../db";
import { quote, type AlertCandidate } from "./candidate";

export type VersionedAccount = {
  id: string;
  workspaceId: string;
  label: string;
  passwordVersion: number;
  passwordChangedAt: Date;
  previousPasswordVersion: number | null;
  graceEndsAt: Date | null;
};

export function isOldVersionMessage(message: { passwordVersion: number; createdAt: Date }, account: VersionedAccount): boolean {
  if (message.passwordVersion >= account.passwordVersion) return false;
  if (message.createdAt <= account.passwordChangedAt) return false;
  const inGrace = account.previousPasswordVersion === message.passwordVersion && account.graceEndsAt !== null && message.createdAt <= account.graceEndsAt;
  return !inGrace;
}

export async function oldPasswordVersionCandidates({
  db,
  accounts,
  since,
  now,
}: {
  db: Db;
  /** Accounts whose new messages include a version below the current one. */
  accounts: readonly VersionedAccount[];
  since: Date;
  now: Date;
}): Promise<AlertCandidate[]> {
  const out: AlertCandidate[] = [];
  for (const account of accounts) {
    const after = since > account.passwordChangedAt ? since : account.passwordChangedAt;
    const rows = await db.message.findMany({
      where: { workspaceId: account.workspaceId, accountId: account.id, createdAt: { gt: after }, passwordVersion: { lt: account.passwordVersion } },
      select: { id: true, passwordVersion: true, createdAt: true },
      orderBy: { createdAt: "asc" },
      take: 50,
    });
    const bad = rows.filter((m) => isOldVersionMessage(m, account));
    if (bad.length === 0) continue;
    out.push({
      workspaceId: account.workspaceId,
      accountId: account.id,
      rule: "old_password_version",
      dedupKey: account.id,
      at: bad[0]!.createdAt,
      title: `A message of ${quote(account.label)} was stored under password version ${bad[0]!.passwordVersion}, older than the current ${account.passwordVersion}`,
      evidence: {
        messages: bad.length,
        messageIds: bad.slice(0, 10).map((m) => m.id),
        storedVersion: bad[0]!.passwordVersion,
        currentVersion: account.passwordVersion,
        passwordChangedAt: account.passwordChangedAt.toISOString(),
        logs: { account: account.id, from: account.passwordChangedAt.toISOString(), to: new Date(now.getTime() + 60_000).toISOString() },
      },
    });
  }
  return out;
}
