// The one way an access policy changes: step-up first when the change widens access (a wider
// or removed allowlist or sender list, a later or cleared expiry, a longer or removed maximum
// lifetime); narrowing needs none. The change and its audit record commit together.
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import type { Db } from "../db";
import type { Env } from "../env";
import type { Prisma } from "../generated/sqlite/client";
import type { Actor } from "../smtp-accounts/actor";

export type PolicyEnv = Pick<Env, "STEP_UP_MAX_AGE">;

export type PolicyChange = {
  db: Db;
  env: PolicyEnv;
  actor: Actor;
  workspaceId: string;
  action: AuditAction;
  widens: boolean;
  target: { type: "smtp_account" | "workspace"; id: string; label: string };
  before: unknown;
  after: unknown;
};

function guard({ env, actor, widens }: Pick<PolicyChange, "env" | "actor" | "widens">) {
  if (widens) requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE);
}

function audit(tx: Prisma.TransactionClient, change: PolicyChange) {
  return recordAudit(tx, change.actor, {
    action: change.action,
    workspaceId: change.workspaceId,
    target: change.target,
    metadata: { before: change.before, after: change.after, widens: change.widens },
  });
}

export async function saveAccountPolicy(change: PolicyChange & { data: Prisma.SmtpAccountUpdateInput }): Promise<void> {
  guard(change);
  await change.db.$transaction(async (tx) => {
    await tx.smtpAccount.update({ where: { id: change.target.id, workspaceId: change.workspaceId }, data: change.data });
    await audit(tx, change);
  });
}

export async function saveWorkspacePolicy(change: PolicyChange & { data: Prisma.WorkspaceUpdateInput }): Promise<void> {
  guard(change);
  await change.db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: change.workspaceId }, data: change.data });
    await audit(tx, change);
  });
}
