// The five anomaly rules, their defaults and what a workspace may tune (AlertRule rows override
// the defaults per workspace; without a row a rule is on, with these numbers, and holds nothing).
import { z } from "zod";

export const ALERT_RULES = ["new_ip", "auth_failures", "send_spike", "bounce_rate", "old_password_version"] as const;
export const ZAlertRuleId = z.enum(ALERT_RULES);
export type AlertRuleId = z.infer<typeof ZAlertRuleId>;

export type RuleDefinition = {
  id: AlertRuleId;
  label: string;
  description: string;
  /** null: the rule has no threshold. */
  threshold: { default: number; meaning: string; min: number; max: number; step: number } | null;
  /** null: the rule has no minimum. */
  minimum: { default: number; meaning: string; min: number; max: number } | null;
};

export const RULES: Record<AlertRuleId, RuleDefinition> = {
  new_ip: {
    id: "new_ip",
    label: "New sign-in network",
    description:
      "An account authenticates successfully from an IP address it has not used in the previous 30 days — each IPv4 address and IPv6 /64 by default, or a wider network (a /24 compares IPv4 /24s and IPv6 /48s). An account's very first successful AUTH does not alert: there is nothing to compare it with.",
    threshold: null,
    minimum: { default: 32, meaning: "IPv4 prefix length compared (32: each address, 24: its /24); IPv6 uses twice it", min: 16, max: 32 },
  },
  auth_failures: {
    id: "auth_failures",
    label: "AUTH failures",
    description: "More failed SMTP AUTHs than the threshold within 10 minutes, for one account or from one IP address.",
    threshold: { default: 10, meaning: "failures per 10 minutes", min: 1, max: 100_000, step: 1 },
    minimum: null,
  },
  send_spike: {
    id: "send_spike",
    label: "Sending spike",
    description: "An account sends more in the current hour than k × its trailing 7-day hourly 95th percentile, and more than the floor.",
    threshold: { default: 3, meaning: "k, the multiple of the 7-day hourly p95", min: 1, max: 1000, step: 0.1 },
    minimum: { default: 100, meaning: "messages per hour (floor)", min: 1, max: 10_000_000 },
  },
  bounce_rate: {
    id: "bounce_rate",
    label: "Bounce rate",
    description: "Bounced and rejected messages make up more than the threshold of the account's last N finished messages (no alert with fewer than N).",
    threshold: { default: 0.2, meaning: "share of bounced + rejected, 0–1", min: 0.01, max: 1, step: 0.01 },
    minimum: { default: 50, meaning: "N, the last finished messages looked at", min: 1, max: 10_000 },
  },
  old_password_version: {
    id: "old_password_version",
    label: "Old password version",
    description:
      "A message was stored under a password version older than the account's current one after the change (outside a planned rotation's grace window). The relay refuses this; an alert means something is wrong.",
    threshold: null,
    minimum: null,
  },
};

/** A workspace's effective settings for one rule. */
export type RuleSettings = { rule: AlertRuleId; enabled: boolean; threshold: number | null; minimum: number | null; autoHold: boolean };

export function defaultSettings(rule: AlertRuleId): RuleSettings {
  const def = RULES[rule];
  return { rule, enabled: true, threshold: def.threshold?.default ?? null, minimum: def.minimum?.default ?? null, autoHold: false };
}

/** Defaults overlaid with a workspace's AlertRule rows (null columns keep the default). */
export function effectiveSettings(rows: readonly { rule: string; enabled: boolean; threshold: number | null; minimum: number | null; autoHold: boolean }[]): Record<AlertRuleId, RuleSettings> {
  const out = Object.fromEntries(ALERT_RULES.map((r) => [r, defaultSettings(r)])) as Record<AlertRuleId, RuleSettings>;
  for (const row of rows) {
    const parsed = ZAlertRuleId.safeParse(row.rule);
    if (!parsed.success) continue;
    const base = out[parsed.data];
    out[parsed.data] = {
      rule: parsed.data,
      enabled: row.enabled,
      threshold: RULES[parsed.data].threshold ? (row.threshold ?? base.threshold) : null,
      minimum: RULES[parsed.data].minimum ? (row.minimum ?? base.minimum) : null,
      autoHold: row.autoHold,
    };
  }
  return out;
}

export const HOUR_MS = 3_600_000;

/** The start of the UTC hour of `at` (the Alert's grouping hour). */
export function hourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}
