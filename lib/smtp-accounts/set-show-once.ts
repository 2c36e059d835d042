// Show-once mode (a workspace setting, off by default because the help article promises a
// reveal): turning it on deletes every stored ciphertext of the workspace — current and previous
// passwords, and the management API's kept answers — in the same transaction as the switch and
// its audit record, so from then on only verifiers exist and new passwords are shown once.
// Turning it off widens access (later passwords become revealable again), so it needs a fresh
// authentication; passwords already forgotten stay forgotten.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import { AppError } from "../errors/app-error";
import type { Actor } from "./actor";
import { FORGOTTEN_ANSWER } from "../api/idempotency";

export type SetShowOnceInput = {
  db: Db;
  env: Pick<Env, "STEP_UP_MAX_AGE">;
  workspaceId: string;
  enabled: boolean;
  actor: Actor;
};

export async function setShowPasswordsOnce({ db, env, workspaceId, enabled, actor }: SetShowOnceInput): Promise<{ enabled: boolean; forgotten: number }> {
  return db.$transaction(async (tx) => {
    const alreadyThere = new AppError("CONFLICT", `Show-once mode is already ${enabled ? "on" : "off"} in this workspace.`);
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { showPasswordsOnce: true } });
    if (workspace.showPasswordsOnce === enabled) throw alreadyThere;
    // Only a change that widens access asks for a fresh sign-in (a no-op changes nothing).
    if (!enabled) requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE);
    const { count } = await tx.workspace.updateMany({ where: { id: workspaceId, showPasswordsOnce: !enabled }, data: { showPasswordsOnce: enabled } });
    if (count !== 1) throw alreadyThere;
    let forgotten = 0;
    if (enabled) {
      const current = await tx.smtpAccount.updateMany({ where: { workspaceId, passwordCiphertext: { not: null } }, data: { passwordCiphertext: null } });
      const previous = await tx.smtpAccount.updateMany({ where: { workspaceId, previousPasswordCiphertext: { not: null } }, data: { previousPasswordCiphertext: null } });
      // The management API's kept answers (Idempotency-Key) may hold a password too.
      const answers = await tx.idempotencyKey.updateMany({ where: { token: { workspaceId }, bodyCiphertext: { not: FORGOTTEN_ANSWER } }, data: { bodyCiphertext: FORGOTTEN_ANSWER } });
      forgotten = current.count + previous.count + answers.count;
    }
    await recordAudit(tx, actor, {
      action: enabled ? "workspace.show_once.enable" : "workspace.show_once.disable",
      workspaceId,
      target: { type: "workspace", id: workspaceId },
      metadata: enabled ? { ciphertextsDeleted: forgotten } : {},
    });
    return { enabled, forgotten };
  });
}
