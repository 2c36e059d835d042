// Reset Password: a new password replaces ciphertext and verifier and bumps passwordVersion in
// one transaction with its audit record. The relay refuses the old password from the next AUTH
// and refuses further mail on sessions that authenticated with it (it re-reads the version).
// A reset during a planned rotation's grace window ends that window too: both old passwords die.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import { passwordColumns } from "../credentials/stored-password";
import { generatePassword } from "../credentials/generate";
import type { Actor } from "./actor";
import { consumePasswordChangeBudget } from "./password-change-budget";
import { buildCredentialsView, CREDENTIALS_ACCOUNT_SELECT, type CredentialsView, revealHistory } from "./credentials-view";
import { NO_PREVIOUS_PASSWORD } from "./grace-window";
import { forgetIfShowOnce, showsPasswordsOnce } from "./show-once";

export type ResetPasswordInput = {
  db: Db;
  env: Pick<Env, "SMTP_PUBLIC_HOST" | "SMTP_PUBLIC_PORT" | "SMTPS_PUBLIC_PORT" | "REVEAL_TTL" | "STEP_UP_MAX_AGE" | "RESET_RATE_LIMIT" | "CREDENTIALS_KEYS" | "VERIFIER_KEY">;
  workspaceId: string;
  accountId: string;
  actor: Actor;
  /** Why (for the audit trail): "reset" from the panel, "compromise" from Report compromise. */
  reason?: "reset" | "compromise";
};

export async function resetPassword({ db, env, workspaceId, accountId, actor, reason = "reset" }: ResetPasswordInput): Promise<CredentialsView> {
  requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE);
  await consumePasswordChangeBudget(db, { workspaceId, accountId, actor, env });

  const password = generatePassword();
  const reset = db.$transaction(async (tx) => {
    const showOnce = await showsPasswordsOnce(tx, workspaceId);
    const before = await tx.smtpAccount.findFirstOrThrow({ where: { id: accountId, workspaceId }, select: { previousPasswordVersion: true } });
    const updated = await tx.smtpAccount.update({
      where: { id: accountId, workspaceId },
      data: {
        ...passwordColumns(password, accountId, env, { showOnce }),
        ...NO_PREVIOUS_PASSWORD,
        passwordVersion: { increment: 1 },
        passwordChangedAt: new Date(),
      },
      select: CREDENTIALS_ACCOUNT_SELECT,
    });
    await forgetIfShowOnce(tx, workspaceId, accountId);
    await recordAudit(tx, actor, {
      action: "credentials.reset",
      workspaceId,
      target: { type: "smtp_account", id: accountId, label: updated.label },
      metadata: { passwordVersion: updated.passwordVersion, reason, ...(before.previousPasswordVersion !== null ? { endedGraceOfVersion: before.previousPasswordVersion } : {}) },
    });
    return { ...updated, showOnce };
  });
  // The reveal history counts reveals, which a reset does not write: read beside the transaction.
  const [account, history] = await Promise.all([reset, revealHistory(db, workspaceId, accountId)]);
  return buildCredentialsView(account, password, env, history, { passwordKept: !account.showOnce });
}
