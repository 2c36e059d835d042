// A few alerts for a demo workspace, so a fresh `npm start` shows the overview's Alerts section
// with something in it. Back-dated, already "emailed" (notifiedAt set: the relay sends nothing
// for them) and seeded once: a workspace that has any alert is left alone.
import type { Db } from "../db";
import { DEMO_APP_SERVER_IP, DEMO_OFFICE_IP } from "../demo/traffic";
import { hourStart, HOUR_MS } from "../alerts/rules";

type Account = { id: string };

export async function seedDemoAlerts(db: Db, { workspaceId, accounts, now = new Date() }: { workspaceId: string; accounts: ReadonlyMap<string, Account>; now?: Date }): Promise<void> {
  if ((await db.alert.count({ where: { workspaceId } })) > 0) return;
  const billing = accounts.get("Billing system");
  const marketing = accounts.get("Marketing newsletter");
  const transactional = accounts.get("Transactional mail");
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR_MS);
  const window = (hoursAgo: number, spanHours: number) => ({ from: at(hoursAgo).toISOString(), to: at(hoursAgo - spanHours).toISOString() });
  const alerts = [
    billing && {
      accountId: billing.id,
      rule: "new_ip",
      dedupKey: `${billing.id}|203.0.113.0/24`,
      createdAt: at(5),
      title: 'SMTP account "Billing system" signed in from a new network, 203.0.113.0/24 (203.0.113.45)',
      evidence: { clientIp: "203.0.113.45", network: "203.0.113.0/24", lookbackDays: 30, previousIp: DEMO_OFFICE_IP, logs: { account: billing.id, ip: "203.0.113.45", ...window(5.1, 1) } },
    },
    billing && {
      accountId: billing.id,
      rule: "auth_failures",
      dedupKey: billing.id,
      createdAt: at(47.9),
      acknowledged: true,
      title: 'More than 10 failed SMTP logins in 10 minutes for "Billing system"',
      evidence: { failures: 11, threshold: 10, windowMinutes: 10, lastIp: DEMO_OFFICE_IP, logs: { account: billing.id, ...window(48.1, 0.2) } },
    },
    transactional && {
      accountId: transactional.id,
      rule: "bounce_rate",
      dedupKey: transactional.id,
      createdAt: at(26),
      title: '22% of the last 50 messages of "Transactional mail" bounced or were rejected',
      evidence: { failed: 11, lookedAt: 50, share: 0.22, threshold: 0.2, logs: { account: transactional.id, status: "bounced", ...window(72, 46) } },
    },
    marketing && {
      accountId: marketing.id,
      rule: "send_spike",
      dedupKey: marketing.id,
      createdAt: at(3),
      title: 'SMTP account "Marketing newsletter" sent more than 300 messages this hour (7-day hourly p95: 100)',
      evidence: { countAtLeast: 301, limit: 300, k: 3, floor: 100, baselineP95: 100, logs: { account: marketing.id, ...window(3.5, 1), ip: DEMO_APP_SERVER_IP } },
    },
  ].filter((a) => Boolean(a));
  for (const a of alerts) {
    if (!a) continue;
    await db.alert.create({
      data: {
        workspaceId,
        accountId: a.accountId,
        rule: a.rule,
        dedupKey: a.dedupKey,
        hourStart: hourStart(a.createdAt),
        title: a.title,
        evidence: JSON.stringify(a.evidence),
        createdAt: a.createdAt,
        notifiedAt: a.createdAt,
        acknowledgedAt: "acknowledged" in a ? new Date(a.createdAt.getTime() + HOUR_MS) : null,
      },
    });
  }
}
