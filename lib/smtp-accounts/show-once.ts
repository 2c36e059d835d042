// Show-once workspaces keep only the verifier of a new password. Every writer of a password asks
// here before the write (so no ciphertext is written at all) and again after it, in the same
// transaction: on PostgreSQL a switch to show-once that commits between the two would otherwise
// leave this one ciphertext behind (its UPDATE of the account row waits for ours, or ours for it).
import type { Db } from "../db";

type Tx = Pick<Db, "workspace" | "smtpAccount">;

export async function showsPasswordsOnce(tx: Pick<Db, "workspace">, workspaceId: string): Promise<boolean> {
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { showPasswordsOnce: true } });
  return workspace.showPasswordsOnce;
}

/** After a password write: drop what a show-once workspace must not keep. */
export async function forgetIfShowOnce(tx: Tx, workspaceId: string, accountId: string): Promise<void> {
  if (!(await showsPasswordsOnce(tx, workspaceId))) return;
  await tx.smtpAccount.updateMany({ where: { id: accountId, workspaceId }, data: { passwordCiphertext: null, previousPasswordCiphertext: null } });
}
