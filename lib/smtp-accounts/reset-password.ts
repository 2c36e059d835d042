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
import { AppError } from "../errors/app-error";
import { requireAccount } from "../tenancy/loaders";

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
  // The version this request replaces, read as it arrives: of two resets at once only the first
  // changes it; the second would hand its admin a password the first had already killed.
  const { passwordVersion: replacing } = await requireAccount(db, workspaceId, accountId, { passwordVersion: true });
  await consumePasswordChangeBudget(db, { workspaceId, accountId, actor, env });

  const password = generatePassword();
  const reset = db.$transaction(async (tx) => {
    const showOnce = await showsPasswordsOnce(tx, workspaceId);
    const before = await tx.smtpAccount.findFirstOrThrow({ where: { id: accountId, workspaceId }, select: { previousPasswordVersion: true } });
    const { count } = await tx.smtpAccount.updateMany({
      where: { id: accountId, workspaceId, passwordVersion: replacing },
      data: {
        ...passwordColumns(password, accountId, env, { showOnce }),
        ...NO_PREVIOUS_PASSWORD,
        passwordVersion: replacing + 1,
        passwordChangedAt: new Date(),
      },
    });
    if (count !== 1)
      throw new AppError("CONFLICT", "This account's password was reset a moment ago by another request. View its credentials for the current password; reset again only if that one is compromised too.");
    const updated = await tx.smtpAccount.findFirstOrThrow({ where: { id: accountId, workspaceId }, select: CREDENTIALS_ACCOUNT_SELECT });
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
