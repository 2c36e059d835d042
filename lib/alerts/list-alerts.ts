// Alerts of a workspace (or of one account), newest first, with what the list needs: the rule's
// label, evidence links, and whether the account is still on hold by this alert.
import type { Db } from "../db";
import { evidenceLinks, type EvidenceLink } from "./evidence-links";
import { RULES, ZAlertRuleId } from "./rules";

export type AlertListItem = {
  id: string;
  rule: string;
  ruleLabel: string;
  title: string;
  createdAt: Date;
  account: { id: string; label: string } | null;
  acknowledgedAt: Date | null;
  holdApplied: boolean;
  /** The account is on hold right now by this alert: Release / Report compromise apply. */
  holding: boolean;
  links: EvidenceLink[];
};

export async function listAlerts({ db, workspace, accountId, take = 20 }: { db: Db; workspace: { id: string; slug: string }; accountId?: string; take?: number }): Promise<AlertListItem[]> {
  const rows = await db.alert.findMany({
    where: { workspaceId: workspace.id, ...(accountId ? { accountId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, rule: true, title: true, evidence: true, createdAt: true, accountId: true, acknowledgedAt: true, holdApplied: true },
  });
  const ids = [...new Set(rows.flatMap((r) => (r.accountId ? [r.accountId] : [])))];
  const accounts = ids.length
    ? await db.smtpAccount.findMany({ where: { workspaceId: workspace.id, id: { in: ids } }, select: { id: true, label: true, holdAlertId: true, holdNewMailSince: true } })
    : [];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return rows.map((r) => {
    const account = r.accountId ? byId.get(r.accountId) : undefined;
    const rule = ZAlertRuleId.safeParse(r.rule);
    return {
      id: r.id,
      rule: r.rule,
      ruleLabel: rule.success ? RULES[rule.data].label : r.rule,
      title: r.title,
      createdAt: r.createdAt,
      account: account ? { id: account.id, label: account.label } : null,
      acknowledgedAt: r.acknowledgedAt,
      holdApplied: r.holdApplied,
      holding: Boolean(account && account.holdNewMailSince && account.holdAlertId === r.id),
      links: evidenceLinks(workspace.slug, r),
    };
  });
}
