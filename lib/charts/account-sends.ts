// The accounts table's "Sends 24 h" column: for each listed account, the messages it sent in
// the last 24 hours — the 23 closed hours before this one and the hour under way — in total and
// per hour for the sparkline, from one statement over the hourly rollup and the open hour (the
// number and its line cannot disagree).
import type { Db } from "../db";
import { bucketOf, HOUR_MS } from "./range";
import { countEvents } from "./volume-hours";

export type AccountSends = { total: number; hourly: number[] };
export const SEND_HOURS = 24;

export async function accountSends24h(db: Db, { workspaceId, accountIds, now = new Date() }: { workspaceId: string; accountIds: string[]; now?: Date }): Promise<Map<string, AccountSends>> {
  const out = new Map<string, AccountSends>();
  if (accountIds.length === 0) return out;
  const first = bucketOf(now.getTime(), HOUR_MS) - (SEND_HOURS - 1) * HOUR_MS;
  for (const id of accountIds) out.set(id, { total: 0, hourly: new Array<number>(SEND_HOURS).fill(0) });
  for (const h of await countEvents(db, { workspaceId, accounts: accountIds, kinds: ["accepted"], start: new Date(first), end: now })) {
    const sends = out.get(h.accountId);
    const i = (h.hour - first) / HOUR_MS;
    if (!sends || i < 0 || i >= SEND_HOURS) continue;
    sends.hourly[i]! += h.count;
    sends.total += h.count;
  }
  return out;
}
