// Expiry warnings 14, 3 and 0 days ahead, each sent once per expiry (SmtpAccount.expiryWarnedDays),
// by email to the workspace's owners and admins. Run by the relay's housekeeping, never on a page
// load. The email goes through the relay's own delivery path: queued as a Message of the
// workspace (no account: the relay itself wrote it), so the delivery worker hands it to the
// smarthost or the sink and the Delivery Logs show it. Moving the expiry later (or a password
// change under a maximum lifetime) re-arms the warnings.
import { recordAudit } from "../audit/record";
import type { Db } from "../db";
import { queueSystemEmail, workspaceAdminEmails } from "../notifications/queue-system-email";
import { effectiveExpiry, dueWarning, daysLeft, type ExpiryWarningDays } from "./expiry";

const DAY_MS = 24 * 3600 * 1000;
/** Accounts looked at per workspace and pass; the next pass takes the rest. */
const PASS_LIMIT = 500;

export type ExpiryWarningsEnv = { SMTP_PUBLIC_HOST: string };

export type ExpiryWarningsResult = { warned: number; emails: number; rearmed: number };

export async function sendExpiryWarnings({ db, env, now = new Date() }: { db: Db; env: ExpiryWarningsEnv; now?: Date }): Promise<ExpiryWarningsResult> {
  const result: ExpiryWarningsResult = { warned: 0, emails: 0, rearmed: 0 };
  const horizon = new Date(now.getTime() + 14 * DAY_MS);
  const workspaces = await db.workspace.findMany({ select: { id: true, name: true, slug: true, maxPasswordLifetimeDays: true } });
  for (const workspace of workspaces) {
    const max = workspace.maxPasswordLifetimeDays;
    const accounts = await db.smtpAccount.findMany({
      where: {
        workspaceId: workspace.id,
        status: "active",
        OR: [
          { expiresAt: { lte: horizon } },
          { expiryWarnedDays: { not: null } },
          ...(max !== null ? [{ passwordChangedAt: { lte: new Date(horizon.getTime() - max * DAY_MS) } }] : []),
        ],
      },
      select: { id: true, label: true, username: true, expiresAt: true, passwordChangedAt: true, expiryWarnedDays: true },
      orderBy: { id: "asc" },
      take: PASS_LIMIT,
    });
    if (accounts.length === 0) continue;
    let recipients: string[] | null = null;
    for (const account of accounts) {
      const expiry = effectiveExpiry({ ...account, maxPasswordLifetimeDays: max });
      const due = dueWarning(expiry, now);
      if (due === null) {
        if (account.expiryWarnedDays !== null) {
          await db.smtpAccount.update({ where: { id: account.id }, data: { expiryWarnedDays: null } });
          result.rearmed++;
        }
        continue;
      }
      if (account.expiryWarnedDays !== null && account.expiryWarnedDays <= due) continue;
      recipients ??= await workspaceAdminEmails(db, workspace.id);
      const sent = await queueWarning(db, env, { workspace, account, expiry: expiry!, due, now, recipients });
      result.warned++;
      result.emails += sent;
    }
  }
  return result;
}

type Warning = {
  workspace: { id: string; name: string; slug: string };
  account: { id: string; label: string; username: string };
  expiry: Date;
  due: ExpiryWarningDays;
  now: Date;
  recipients: string[];
};

/** The warning's subject line: "… expires in 14 days", "… expires today", "… has expired". */
export function warningSubject(label: string, expiry: Date, now: Date): string {
  const name = `SMTP account "${label.replace(/[\r\n"]/g, " ").slice(0, 100)}"`;
  if (expiry.getTime() <= now.getTime()) return `${name} has expired`;
  const days = daysLeft(expiry, now);
  return days <= 1 ? `${name} expires within a day` : `${name} expires in ${days} days`;
}

/** Queues one message (all recipients) and marks the warning sent, in one transaction. */
async function queueWarning(db: Db, env: ExpiryWarningsEnv, w: Warning): Promise<number> {
  const subject = warningSubject(w.account.label, w.expiry, w.now);
  return db.$transaction(async (tx) => {
    await tx.smtpAccount.update({ where: { id: w.account.id }, data: { expiryWarnedDays: w.due } });
    const messageId = await queueSystemEmail(tx, env, {
      workspaceId: w.workspace.id,
      recipients: w.recipients,
      subject,
      body: [
        `${subject} (workspace ${w.workspace.name}).`,
        ``,
        `Username: ${w.account.username}`,
        `Expires: ${w.expiry.toISOString()}`,
        ``,
        `After that instant the relay refuses its password (535 5.7.8). To keep it working, set a later`,
        `expiry on the account's Policies section, or reset its password if a maximum lifetime applies:`,
        `/w/${w.workspace.slug}/smtp-accounts/${w.account.id}`,
        ``,
      ],
      acceptedNote: "expiry warning queued by the relay",
      now: w.now,
    });
    await recordAudit(tx, null, {
      action: "account.expiry_warning",
      workspaceId: w.workspace.id,
      target: { type: "smtp_account", id: w.account.id, label: w.account.label },
      metadata: { daysAhead: w.due, expiresAt: w.expiry.toISOString(), recipients: w.recipients.length, messageId },
    });
    return messageId ? 1 : 0;
  });
}
