// End grace now: the previous password of a planned rotation stops working at once (new AUTHs are
// refused, and sessions that authenticated with it are refused at their next MAIL FROM or
// message, as after a reset). Audited in the same transaction.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import { AppError } from "../errors/app-error";
import { requireAccount } from "../tenancy/loaders";
import type { Actor } from "./actor";
import { NO_PREVIOUS_PASSWORD } from "./grace-window";

export type EndGraceInput = {
  db: Db;
  env: Pick<Env, "STEP_UP_MAX_AGE">;
  workspaceId: string;
  accountId: string;
  actor: Actor;
};

export async function endGrace({ db, env, workspaceId, accountId, actor }: EndGraceInput): Promise<{ endedVersion: number }> {
  requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE);
  return db.$transaction(async (tx) => {
    const account = await requireAccount(tx, workspaceId, accountId, { label: true, previousPasswordVersion: true, graceEndsAt: true });
    if (account.previousPasswordVersion === null || account.graceEndsAt === null)
      throw new AppError("CONFLICT", "This account has no grace window to end: its previous password already stopped working.");
    const { count } = await tx.smtpAccount.updateMany({
      where: { id: accountId, workspaceId, previousPasswordVersion: account.previousPasswordVersion },
      data: NO_PREVIOUS_PASSWORD,
    });
    if (count !== 1) throw new AppError("CONFLICT", "The password was changed by someone else meanwhile. Reload the account to see its current state.");
    await recordAudit(tx, actor, {
      action: "credentials.grace_end",
      workspaceId,
      target: { type: "smtp_account", id: accountId, label: account.label },
      metadata: { previousVersion: account.previousPasswordVersion, graceEndsAt: account.graceEndsAt.toISOString(), endedEarly: account.graceEndsAt.getTime() > Date.now() },
    });
    return { endedVersion: account.previousPasswordVersion };
  });
}
