// bounce_rate: bounced + rejected share of the account's last N finished messages (delivered,
// bounced, rejected) above the threshold; no alert with fewer than N finished messages.
import type { Db } from "../db";
import { quote, type AlertCandidate } from "./candidate";

export const FINISHED = ["delivered", "bounced", "rejected"] as const;

/** The failed share of the last N statuses, or null when there are fewer than N. */
export function failedShare(statuses: readonly string[], n: number): number | null {
  if (statuses.length < n || n <= 0) return null;
  const last = statuses.slice(0, n);
  return last.filter((s) => s === "bounced" || s === "rejected").length / n;
}

export const bounceRateExceeds = (share: number | null, threshold: number) => share !== null && share > threshold;

export async function bounceRateCandidates({
  db,
  accounts,
  threshold,
  n,
  now,
  labels,
}: {
  db: Db;
  accounts: readonly { workspaceId: string; accountId: string }[];
  threshold: number;
  n: number;
  now: Date;
  labels: (accountId: string) => Promise<string | null>;
}): Promise<AlertCandidate[]> {
  const out: AlertCandidate[] = [];
  for (const { workspaceId, accountId } of accounts) {
    const rows = await db.message.findMany({
      where: { workspaceId, accountId, status: { in: [...FINISHED] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: n,
      select: { status: true, createdAt: true },
    });
    const share = failedShare(
      rows.map((r) => r.status),
      n,
    );
    if (!bounceRateExceeds(share, threshold)) continue;
    const failed = rows.filter((r) => r.status !== "delivered").length;
    const label = (await labels(accountId)) ?? accountId;
    out.push({
      workspaceId,
      accountId,
      rule: "bounce_rate",
      dedupKey: accountId,
      at: now,
      title: `${Math.round(share! * 100)}% of the last ${n} messages of ${quote(label)} bounced or were rejected`,
      evidence: {
        failed,
        lookedAt: n,
        share,
        threshold,
        logs: { account: accountId, status: "bounced", from: rows.at(-1)!.createdAt.toISOString(), to: new Date(now.getTime() + 60_000).toISOString() },
      },
    });
  }
  return out;
}
