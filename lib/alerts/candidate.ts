// What a rule hands the evaluator: one alert to store (idempotently, by its unique key).
import type { AlertRuleId } from "./rules";

/** The Delivery Logs filters that show an alert's evidence (lib/delivery-logs/filters.ts names). */
export type EvidenceLogs = { account?: string; status?: "bounced" | "rejected" | "queued" | "delivered" | "held"; ip?: string; from: string; to: string };

export type AlertEvidence = Record<string, unknown> & { logs: EvidenceLogs };

export type AlertCandidate = {
  workspaceId: string;
  accountId: string | null;
  rule: AlertRuleId;
  dedupKey: string;
  /** When the anomaly happened: the alert's grouping hour is taken from it. */
  at: Date;
  title: string;
  evidence: AlertEvidence;
};

/** An account as rules name it in titles. */
export type AccountRef = { id: string; label: string; workspaceId: string };

export const quote = (label: string) => `"${label.replace(/[\r\n"]/g, " ").slice(0, 100)}"`;
