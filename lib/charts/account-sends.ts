// The accounts table's "Sends 24 h" column: for each listed account, its messages in the last
// 24 hours, in total and per hour for the sparkline, from one grouped query (the number and its
// line cannot disagree). The oldest hour is partial, so the line's points sum to the number.
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { countPerHour } from "./hour-buckets";
import { bucketOf, DAY_MS, HOUR_MS } from "./range";

export type AccountSends = { total: number; hourly: number[] };

export async function accountSends24h(db: Db, { workspaceId, accountIds, now = new Date() }: { workspaceId: string; accountIds: string[]; now?: Date }): Promise<Map<string, AccountSends>> {
  const out = new Map<string, AccountSends>();
  if (accountIds.length === 0) return out;
  const start = new Date(now.getTime() - DAY_MS);
  const first = bucketOf(start.getTime(), HOUR_MS);
  const buckets = Math.floor((bucketOf(now.getTime(), HOUR_MS) - first) / HOUR_MS) + 1;
  for (const id of accountIds) out.set(id, { total: 0, hourly: new Array<number>(buckets).fill(0) });
  const where = Prisma.sql`"workspaceId" = ${workspaceId} AND "accountId" IN (${Prisma.join(accountIds)})`;
  for (const h of await countPerHour(db, { table: "Message", keyColumn: "accountId", where }, start, now)) {
    const sends = out.get(h.key);
    const i = (bucketOf(h.hour, HOUR_MS) - first) / HOUR_MS;
    if (!sends || i < 0 || i >= buckets) continue;
    sends.hourly[i]! += h.count;
    sends.total += h.count;
  }
  return out;
}
