// Alert emails: one per alert (an alert is already grouped per rule, account and hour), to the
// workspace's owners and admins who have not opted out of the rule, through the relay's own
// delivery path (lib/notifications/queue-system-email.ts). Alert.notifiedAt is claimed in the
// same transaction as the queued message, so two relays never send the same alert twice.
import type { Db } from "../db";
import { queueSystemEmail, workspaceAdminEmails, type SystemEmailEnv } from "../notifications/queue-system-email";
import { RULES, ZAlertRuleId } from "./rules";

/** Alerts older than this are not emailed any more (nobody was there to tell when they fired). */
const NOTIFY_WITHIN_MS = 3_600_000;
const PASS_LIMIT = 100;

export type AlertEmailEnv = SystemEmailEnv & { PORTAL_URL?: string };

export function alertSubject(title: string): string {
  return `MigoSMTP alert: ${title}`.slice(0, 200);
}

export async function notifyAlerts({ db, env, now = new Date() }: { db: Db; env: AlertEmailEnv; now?: Date }): Promise<{ emails: number }> {
  const pending = await db.alert.findMany({
    where: { notifiedAt: null, createdAt: { gte: new Date(now.getTime() - NOTIFY_WITHIN_MS) } },
    orderBy: { createdAt: "asc" },
    take: PASS_LIMIT,
    select: { id: true, workspaceId: true, accountId: true, rule: true, title: true, evidence: true, createdAt: true, holdApplied: true, workspace: { select: { slug: true, name: true } } },
  });
  let emails = 0;
  for (const alert of pending) {
    const optedOut = await db.alertOptOut.findMany({ where: { workspaceId: alert.workspaceId, rule: alert.rule }, select: { userId: true } });
    const recipients = await workspaceAdminEmails(
      db,
      alert.workspaceId,
      optedOut.map((o) => o.userId),
    );
    if (recipients.length === 0) continue;
    const rule = ZAlertRuleId.safeParse(alert.rule);
    const base = `${env.PORTAL_URL ?? ""}/w/${alert.workspace.slug}`;
    const sent = await db.$transaction(async (tx) => {
      const { count } = await tx.alert.updateMany({ where: { id: alert.id, notifiedAt: null }, data: { notifiedAt: now } });
      if (count === 0) return false;
      await queueSystemEmail(tx, env, {
        workspaceId: alert.workspaceId,
        recipients,
        subject: alertSubject(alert.title),
        body: [
          `${alert.title}`,
          ``,
          `Workspace: ${alert.workspace.name}`,
          `Rule: ${rule.success ? RULES[rule.data].label : alert.rule}`,
          `Raised: ${alert.createdAt.toISOString()}`,
          ...(alert.holdApplied ? [``, `The account's new mail is held until an admin releases it or reports a compromise.`] : []),
          ``,
          `Evidence: ${alert.evidence}`,
          ``,
          `Review and acknowledge it on the overview: ${base}/overview`,
          ...(alert.accountId ? [`The account: ${base}/smtp-accounts/${alert.accountId}`] : []),
          ``,
          `You receive this as an owner or admin of the workspace; you can turn off emails for this rule on the overview page.`,
          ``,
        ],
        acceptedNote: "alert email queued by the relay",
        now,
      });
      return true;
    });
    if (sent) emails++;
  }
  return { emails };
}
