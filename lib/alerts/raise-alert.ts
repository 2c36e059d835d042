// Stores an alert once (the unique key (workspace, rule, dedupKey, hour) makes re-reads and
// several relays harmless) and, when the workspace's rule holds, puts the account on hold in the
// same transaction (audited as the system): the relay's commit transaction then stores the
// account's new messages as `held`.
import { recordAudit } from "../audit/record";
import type { Db } from "../db";
import type { AlertCandidate } from "./candidate";
import { hourStart } from "./rules";

export type RaiseResult = { created: false } | { created: true; alertId: string; holdApplied: boolean };

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

export async function raiseAlert({ db, candidate, autoHold, now = new Date() }: { db: Db; candidate: AlertCandidate; autoHold: boolean; now?: Date }): Promise<RaiseResult> {
  try {
    return await db.$transaction(async (tx) => {
      const alert = await tx.alert.create({
        data: {
          workspaceId: candidate.workspaceId,
          accountId: candidate.accountId,
          rule: candidate.rule,
          dedupKey: candidate.dedupKey.slice(0, 300),
          hourStart: hourStart(candidate.at),
          title: candidate.title.slice(0, 300),
          evidence: JSON.stringify(candidate.evidence),
          createdAt: now,
        },
        select: { id: true },
      });
      if (!autoHold || !candidate.accountId) return { created: true as const, alertId: alert.id, holdApplied: false };
      const { count } = await tx.smtpAccount.updateMany({
        where: { id: candidate.accountId, workspaceId: candidate.workspaceId, holdNewMailSince: null },
        data: { holdNewMailSince: now, holdAlertId: alert.id },
      });
      if (count === 0) return { created: true as const, alertId: alert.id, holdApplied: false };
      await tx.alert.update({ where: { id: alert.id }, data: { holdApplied: true }, select: { id: true } });
      const account = await tx.smtpAccount.findUnique({ where: { id: candidate.accountId }, select: { label: true } });
      await recordAudit(tx, null, {
        action: "alert.auto_hold",
        workspaceId: candidate.workspaceId,
        target: { type: "smtp_account", id: candidate.accountId, label: account?.label ?? null },
        metadata: { alertId: alert.id, rule: candidate.rule, title: candidate.title.slice(0, 300) },
      });
      return { created: true as const, alertId: alert.id, holdApplied: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { created: false };
    throw error;
  }
}
