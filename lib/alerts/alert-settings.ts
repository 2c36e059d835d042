// A workspace's alert rule settings (owner, audited) and a member's email opt-outs per rule.
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { ALERT_RULES, effectiveSettings, RULES, ZAlertRuleId, type AlertRuleId, type RuleSettings } from "./rules";

export async function getAlertRuleSettings(db: Db, workspaceId: string): Promise<RuleSettings[]> {
  const rows = await db.alertRule.findMany({ where: { workspaceId } });
  const settings = effectiveSettings(rows);
  return ALERT_RULES.map((r) => settings[r]);
}

export const ZUpdateAlertRuleInput = z.object({
  rule: ZAlertRuleId,
  enabled: z.boolean(),
  autoHold: z.boolean(),
  threshold: z.number().finite().nullable(),
  minimum: z.number().int().nullable(),
});
export type TUpdateAlertRuleInput = z.infer<typeof ZUpdateAlertRuleInput>;

function bounded(value: number | null, limits: { min: number; max: number } | null, field: string): number | null {
  if (!limits || value === null) return null;
  if (value < limits.min || value > limits.max) throw new AppError("INVALID_INPUT", `Must be between ${limits.min} and ${limits.max}.`, field);
  return value;
}

export async function updateAlertRule({ db, workspaceId, input, actor }: { db: Db; workspaceId: string; input: TUpdateAlertRuleInput; actor: Actor }): Promise<{ settings: RuleSettings }> {
  const def = RULES[input.rule];
  const threshold = bounded(input.threshold, def.threshold, "threshold");
  const minimum = bounded(input.minimum, def.minimum, "minimum");
  return db.$transaction(async (tx) => {
    const before = effectiveSettings(await tx.alertRule.findMany({ where: { workspaceId, rule: input.rule } }))[input.rule];
    const data = { enabled: input.enabled, autoHold: input.autoHold, threshold, minimum };
    await tx.alertRule.upsert({ where: { workspaceId_rule: { workspaceId, rule: input.rule } }, create: { workspaceId, rule: input.rule, ...data }, update: data });
    const after = effectiveSettings([{ rule: input.rule, ...data }])[input.rule];
    await recordAudit(tx, actor, {
      action: "alert.rule_change",
      workspaceId,
      target: { type: "alert_rule", id: input.rule, label: def.label },
      metadata: { before, after },
    });
    return { settings: after };
  });
}

export async function alertOptOuts(db: Db, workspaceId: string, userId: string): Promise<AlertRuleId[]> {
  const rows = await db.alertOptOut.findMany({ where: { workspaceId, userId }, select: { rule: true } });
  return rows.flatMap((r) => {
    const rule = ZAlertRuleId.safeParse(r.rule);
    return rule.success ? [rule.data] : [];
  });
}

export const ZSetAlertOptOutsInput = z.object({ optedOut: z.array(ZAlertRuleId).max(ALERT_RULES.length) });

/** The signed-in member's own choice: no alert emails for these rules (their own rows only). */
export async function setAlertOptOuts({ db, workspaceId, userId, optedOut }: { db: Db; workspaceId: string; userId: string; optedOut: readonly AlertRuleId[] }): Promise<{ optedOut: AlertRuleId[] }> {
  const wanted = [...new Set(optedOut)];
  await db.$transaction(async (tx) => {
    await tx.alertOptOut.deleteMany({ where: { workspaceId, userId, rule: { notIn: wanted } } });
    const existing = new Set((await tx.alertOptOut.findMany({ where: { workspaceId, userId }, select: { rule: true } })).map((r) => r.rule));
    const missing = wanted.filter((r) => !existing.has(r));
    if (missing.length) await tx.alertOptOut.createMany({ data: missing.map((rule) => ({ workspaceId, userId, rule })) });
  });
  return { optedOut: wanted };
}
