// Rotate password (planned rotation): a new password becomes current and the current one stays
// valid as the previous password until the chosen deadline (1 hour to 30 days), so applications
// can move without an outage. One transaction with its audit record; a rotation during a grace
// window ends the older previous password (only one previous is kept). For a leak, Reset
// Password ends the old one at once instead.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import { passwordColumns } from "../credentials/stored-password";
import { generatePassword } from "../credentials/generate";
import { AppError } from "../errors/app-error";
import { requireAccount } from "../tenancy/loaders";
import type { Actor } from "./actor";
import { consumePasswordChangeBudget } from "./password-change-budget";
import { buildCredentialsView, CREDENTIALS_ACCOUNT_SELECT, type CredentialsView, graceView, revealHistory } from "./credentials-view";
import { graceDeadline } from "./grace-window";
import { forgetIfShowOnce, showsPasswordsOnce } from "./show-once";

export type RotatePasswordInput = {
  db: Db;
  env: Pick<Env, "SMTP_PUBLIC_HOST" | "SMTP_PUBLIC_PORT" | "SMTPS_PUBLIC_PORT" | "REVEAL_TTL" | "STEP_UP_MAX_AGE" | "RESET_RATE_LIMIT" | "CREDENTIALS_KEYS" | "VERIFIER_KEY">;
  workspaceId: string;
  accountId: string;
  actor: Actor;
  /** How long the current password keeps working (ZGraceSeconds: 1 hour to 30 days). */
  graceSeconds: number;
  now?: Date;
};

export async function rotatePassword({ db, env, workspaceId, accountId, actor, graceSeconds, now = new Date() }: RotatePasswordInput): Promise<CredentialsView> {
  requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE, now);
  const graceEndsAt = graceDeadline(now, graceSeconds);
  await consumePasswordChangeBudget(db, { workspaceId, accountId, actor, env });

  const password = generatePassword();
  const account = await db.$transaction(async (tx) => {
    const showOnce = await showsPasswordsOnce(tx, workspaceId);
    const current = await requireAccount(tx, workspaceId, accountId, { passwordCiphertext: true, passwordVerifier: true, passwordVersion: true });
    // Only if nothing changed the password since it was read (a concurrent reset or rotation).
    const { count } = await tx.smtpAccount.updateMany({
      where: { id: accountId, workspaceId, passwordVersion: current.passwordVersion },
      data: {
        previousPasswordCiphertext: showOnce ? null : current.passwordCiphertext,
        previousPasswordVerifier: current.passwordVerifier,
        previousPasswordVersion: current.passwordVersion,
        graceEndsAt,
        ...passwordColumns(password, accountId, env, { showOnce }),
        passwordVersion: current.passwordVersion + 1,
        passwordChangedAt: now,
      },
    });
    if (count !== 1) throw new AppError("CONFLICT", "The password was changed by someone else meanwhile. Reload the account and rotate again if you still need to.");
    await forgetIfShowOnce(tx, workspaceId, accountId);
    const updated = await tx.smtpAccount.findFirstOrThrow({ where: { id: accountId, workspaceId }, select: CREDENTIALS_ACCOUNT_SELECT });
    await recordAudit(tx, actor, {
      action: "credentials.rotate",
      workspaceId,
      target: { type: "smtp_account", id: accountId, label: updated.label },
      metadata: { passwordVersion: updated.passwordVersion, previousVersion: current.passwordVersion, graceEndsAt: graceEndsAt.toISOString(), graceSeconds },
    });
    return { ...updated, showOnce };
  });
  return buildCredentialsView(account, password, env, await revealHistory(db, workspaceId, accountId), {
    passwordKept: !account.showOnce,
    grace: await graceView(db, account, env),
  });
}
