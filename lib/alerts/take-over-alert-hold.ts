// Report compromise on an account an alert put on hold: the incident takes the alert-held
// messages over (they stay held, now under the incident's Release/Delete) and the auto-hold
// ends — the password reset already stops the old credential.
import type { Db } from "../db";

export async function takeOverAlertHold({ db, workspaceId, accountId, incidentId }: { db: Db; workspaceId: string; accountId: string; incidentId: string }): Promise<{ taken: number }> {
  return db.$transaction(async (tx) => {
    await tx.smtpAccount.updateMany({ where: { id: accountId, workspaceId }, data: { holdNewMailSince: null, holdAlertId: null } });
    const { count } = await tx.message.updateMany({ where: { workspaceId, accountId, status: "held", incidentId: null, alertId: { not: null } }, data: { incidentId } });
    return { taken: count };
  });
}
