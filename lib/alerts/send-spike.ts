// send_spike: an account's sends in the current hour above k × its trailing 7-day hourly p95 and
// above a floor. Cheap by construction: the hour is counted with a bound (count … take), the
// 168 hourly counts of the baseline only once the floor is passed, then kept for the hour.
import type { Db } from "../db";
import { quote, type AlertCandidate } from "./candidate";
import { HOUR_MS, hourStart } from "./rules";

export const BASELINE_HOURS = 7 * 24;

/** The 95th percentile (nearest rank) of hourly counts; 0 for none. */
export function p95(counts: readonly number[]): number {
  if (counts.length === 0) return 0;
  const sorted = [...counts].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

/** The count the hour must exceed: k × p95, and never less than the floor. */
export function spikeLimit(k: number, baselineP95: number, floor: number): number {
  return Math.max(floor, Math.ceil(k * baselineP95));
}

/** Baselines per account, computed once per hour. */
export type BaselineCache = Map<string, { hour: number; p95: number }>;

async function baselineOf(db: Db, workspaceId: string, accountId: string, hour: Date, cache: BaselineCache): Promise<number> {
  const cached = cache.get(accountId);
  if (cached && cached.hour === hour.getTime()) return cached.p95;
  const counts: number[] = [];
  for (let i = 1; i <= BASELINE_HOURS; i++) {
    const start = new Date(hour.getTime() - i * HOUR_MS);
    counts.push(await db.message.count({ where: { workspaceId, accountId, createdAt: { gte: start, lt: new Date(start.getTime() + HOUR_MS) } } }));
  }
  const value = p95(counts);
  cache.set(accountId, { hour: hour.getTime(), p95: value });
  return value;
}

export async function sendSpikeCandidates({
  db,
  accounts,
  k,
  floor,
  now,
  cache,
  labels,
}: {
  db: Db;
  /** Accounts that stored messages since the last pass. */
  accounts: readonly { workspaceId: string; accountId: string }[];
  k: number;
  floor: number;
  now: Date;
  cache: BaselineCache;
  labels: (accountId: string) => Promise<string | null>;
}): Promise<AlertCandidate[]> {
  const hour = hourStart(now);
  const out: AlertCandidate[] = [];
  for (const { workspaceId, accountId } of accounts) {
    const inHour = { workspaceId, accountId, createdAt: { gte: hour } };
    if ((await db.message.count({ where: inHour, take: floor + 1 })) <= floor) continue;
    const baseline = await baselineOf(db, workspaceId, accountId, hour, cache);
    const limit = spikeLimit(k, baseline, floor);
    const count = await db.message.count({ where: inHour, take: limit + 1 });
    if (count <= limit) continue;
    const label = (await labels(accountId)) ?? accountId;
    out.push({
      workspaceId,
      accountId,
      rule: "send_spike",
      dedupKey: accountId,
      at: now,
      title: `SMTP account ${quote(label)} sent more than ${limit} messages this hour (7-day hourly p95: ${baseline})`,
      evidence: { countAtLeast: count, limit, k, floor, baselineP95: baseline, baselineHours: BASELINE_HOURS, logs: { account: accountId, from: hour.toISOString(), to: new Date(hour.getTime() + HOUR_MS).toISOString() } },
    });
  }
  return out;
}
