// Set or clear the workspace's maximum password lifetime (owner: a workspace setting; step-up
// when it is removed or made longer). Every account's password then expires at the earlier of
// its own expiry and its last change plus this many days.
import type { Db } from "../db";
import type { Actor } from "../smtp-accounts/actor";
import { saveWorkspacePolicy, type PolicyEnv } from "./save-policy-change";

export async function updateMaxLifetime({ db, env, workspaceId, actor, days }: { db: Db; env: PolicyEnv; workspaceId: string; actor: Actor; days: number | null }) {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, name: true, maxPasswordLifetimeDays: true } });
  const before = workspace.maxPasswordLifetimeDays;
  await saveWorkspacePolicy({
    db,
    env,
    actor,
    workspaceId,
    action: "workspace.max_password_lifetime",
    widens: days === null ? before !== null : before !== null && days > before,
    target: { type: "workspace", id: workspace.id, label: workspace.name },
    before,
    after: days,
    data: { maxPasswordLifetimeDays: days },
  });
  return { maxPasswordLifetimeDays: days };
}
