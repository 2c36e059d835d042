// SMTP AUTH over time: failures per hour for a workspace, and an account's logins per hour by
// client IP with the IPs it had never logged in from before the window marked as new.
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { countPerHour } from "./hour-buckets";
import { bucketCounts, bucketOf, bucketStarts, type ChartWindow } from "./range";

export type CountBucket = { start: Date; count: number };

export async function authFailures(db: Db, { workspaceId, window }: { workspaceId: string; window: ChartWindow }): Promise<{ buckets: CountBucket[]; total: number }> {
  const where = Prisma.sql`"workspaceId" = ${workspaceId} AND "success" = ${false}`;
  const hours = await countPerHour(db, { table: "LoginEvent", keyColumn: "clientIp", where }, window.start, window.end, { memoize: true });
  return bucketCounts(window, hours);
}

export type IpSeries = { ip: string; isNew: boolean; total: number; counts: number[] };
export type LoginsByIp = { starts: Date[]; series: IpSeries[] };

/** At most `maxIps` series (the busiest); the rest are summed into "other IPs". */
export async function loginsByIp(db: Db, { workspaceId, accountId, window, maxIps = 6 }: { workspaceId: string; accountId: string; window: ChartWindow; maxIps?: number }): Promise<LoginsByIp> {
  const where = Prisma.sql`"workspaceId" = ${workspaceId} AND "accountId" = ${accountId}`;
  const hours = await countPerHour(db, { table: "LoginEvent", keyColumn: "clientIp", where }, window.start, window.end);
  const starts = bucketStarts(window);
  const index = new Map(starts.map((t, i) => [t, i]));
  const perIp = new Map<string, number[]>();
  for (const h of hours) {
    const i = index.get(bucketOf(h.hour, window.bucketMs));
    if (i === undefined) continue;
    const counts = perIp.get(h.key) ?? starts.map(() => 0);
    counts[i]! += h.count;
    perIp.set(h.key, counts);
  }
  const seenBefore = await db.loginEvent.findMany({
    where: { workspaceId, accountId, clientIp: { in: [...perIp.keys()] }, createdAt: { lt: window.start } },
    distinct: ["clientIp"],
    select: { clientIp: true },
  });
  const known = new Set(seenBefore.map((e) => e.clientIp));
  const ranked = [...perIp.entries()].map(([ip, counts]) => ({ ip, isNew: !known.has(ip), counts, total: counts.reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total);
  const series = ranked.slice(0, maxIps);
  const rest = ranked.slice(maxIps);
  if (rest.length) {
    const counts = starts.map((_, i) => rest.reduce((a, s) => a + s.counts[i]!, 0));
    series.push({ ip: `${rest.length} other IPs`, isNew: rest.some((s) => s.isNew), counts, total: counts.reduce((a, b) => a + b, 0) });
  }
  return { starts: starts.map((t) => new Date(t)), series };
}
