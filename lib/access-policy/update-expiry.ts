// Set or clear an SMTP account's expiry date (admin; step-up when it is cleared or moved later).
// A new date re-arms the 14/3/0-day warnings.
import type { Db } from "../db";
import type { Actor } from "../smtp-accounts/actor";
import { requireAccount } from "../tenancy/loaders";
import { saveAccountPolicy, type PolicyEnv } from "./save-policy-change";

export async function updateExpiry({ db, env, workspaceId, accountId, actor, expiresAt }: { db: Db; env: PolicyEnv; workspaceId: string; accountId: string; actor: Actor; expiresAt: Date | null }) {
  const account = await requireAccount(db, workspaceId, accountId, { id: true, label: true, expiresAt: true });
  const before = account.expiresAt;
  await saveAccountPolicy({
    db,
    env,
    actor,
    workspaceId,
    action: "account.policy.expiry",
    widens: expiresAt === null ? before !== null : before !== null && expiresAt.getTime() > before.getTime(),
    target: { type: "smtp_account", id: account.id, label: account.label },
    before: before?.toISOString() ?? null,
    after: expiresAt?.toISOString() ?? null,
    data: { expiresAt, expiryWarnedDays: null },
  });
  return { expiresAt };
}
