// auth_failures: more failed AUTHs than the threshold within 10 minutes, for one account or from
// one IP address (against accounts of the workspace; an unknown username has no workspace to tell).
import type { Db } from "../db";
import { quote, type AlertCandidate } from "./candidate";

export const FAILURE_WINDOW_MS = 10 * 60_000;

export type FailureEvent = { workspaceId: string; accountId: string | null; clientIp: string; createdAt: Date };

/** Above the threshold, not at it. */
export const failuresExceed = (count: number, threshold: number) => count > threshold;

export async function authFailureCandidates({
  db,
  events,
  threshold,
  labels,
  skip = () => false,
}: {
  db: Db;
  events: readonly FailureEvent[];
  threshold: number;
  labels: (accountId: string) => Promise<string | null>;
  /** Already raised (by dedupKey and time): no count needed. */
  skip?: (dedupKey: string, at: Date) => boolean;
}): Promise<AlertCandidate[]> {
  // The latest failure of each account and of each IP in this read: one count each.
  const byAccount = new Map<string, FailureEvent>();
  const byIp = new Map<string, FailureEvent>();
  for (const e of events) {
    if (e.accountId && !skip(e.accountId, e.createdAt)) byAccount.set(`${e.workspaceId}|${e.accountId}`, e);
    if (!skip(`ip:${e.clientIp}`, e.createdAt)) byIp.set(`${e.workspaceId}|${e.clientIp}`, e);
  }
  const out: AlertCandidate[] = [];
  const window = (e: FailureEvent) => ({ gt: new Date(e.createdAt.getTime() - FAILURE_WINDOW_MS), lte: e.createdAt });
  const logs = (e: FailureEvent) => ({ from: new Date(e.createdAt.getTime() - FAILURE_WINDOW_MS).toISOString(), to: e.createdAt.toISOString() });
  for (const e of byAccount.values()) {
    // take bounds the count: only "more than the threshold" matters.
    const count = await db.loginEvent.count({ where: { accountId: e.accountId, workspaceId: e.workspaceId, success: false, createdAt: window(e) }, take: threshold + 1 });
    if (!failuresExceed(count, threshold)) continue;
    const label = (await labels(e.accountId!)) ?? e.accountId!;
    out.push({
      workspaceId: e.workspaceId,
      accountId: e.accountId,
      rule: "auth_failures",
      dedupKey: e.accountId!,
      at: e.createdAt,
      title: `More than ${threshold} failed SMTP logins in 10 minutes for ${quote(label)}`,
      evidence: { failures: count, threshold, windowMinutes: 10, lastIp: e.clientIp, logs: { account: e.accountId!, ...logs(e) } },
    });
  }
  for (const e of byIp.values()) {
    const count = await db.loginEvent.count({ where: { workspaceId: e.workspaceId, clientIp: e.clientIp, success: false, createdAt: window(e) }, take: threshold + 1 });
    if (!failuresExceed(count, threshold)) continue;
    out.push({
      workspaceId: e.workspaceId,
      accountId: null,
      rule: "auth_failures",
      dedupKey: `ip:${e.clientIp}`,
      at: e.createdAt,
      title: `More than ${threshold} failed SMTP logins in 10 minutes from ${e.clientIp}`,
      evidence: { failures: count, threshold, windowMinutes: 10, clientIp: e.clientIp, logs: { ip: e.clientIp, ...logs(e) } },
    });
  }
  return out;
}
