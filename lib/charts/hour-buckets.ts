// Counting rows per hour in the database, on either provider. The hour is cut by SQL (one
// expression per dialect) so a busy month is a few hundred grouped rows, not every message.
// The hour is cut as the rollup cuts it (hourOf in volume-rollup.ts).
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { memoizeChart } from "./chart-cache";
import { bucketOf, HOUR_MS } from "./range";
import { hourEpoch, hourOf } from "./volume-rollup";

export type HourCount = { hour: number; key: string; count: number };

type Source = {
  table: "Message" | "LoginEvent";
  /** The column whose value splits the counts (status, clientIp, accountId…); its values become `key`. */
  keyColumn: "status" | "clientIp" | "accountId";
  /** Conditions beyond the time window; must name the workspace. */
  where: Prisma.Sql;
};

/**
 * Rows per (hour, key) in [start, end]. Hours are UTC; the caller regroups by day if it wants days.
 * With `memoize`, the whole hours before the current one come from chart-cache.ts (read at most
 * once a minute) and only the hour under way is counted now; `start` should then be a whole hour
 * or day, as chart windows are, so the key stays the same from one request to the next.
 */
export async function countPerHour(db: Db, source: Source, start: Date, end: Date, { memoize = false, now = Date.now() } = {}): Promise<HourCount[]> {
  const cut = new Date(bucketOf(now, HOUR_MS));
  if (!memoize || cut <= start || end < cut) return countPerHourNow(db, source, start, end);
  const before = new Date(cut.getTime() - 1);
  const key = ["hours", source.table, source.keyColumn, source.where.sql, JSON.stringify(source.where.values), start.toISOString(), cut.toISOString()].join("|");
  const [closed, current] = await Promise.all([memoizeChart(key, () => countPerHourNow(db, source, start, before), now), countPerHourNow(db, source, cut, end)]);
  return [...closed, ...current];
}

async function countPerHourNow(db: Db, { table, keyColumn, where }: Source, start: Date, end: Date): Promise<HourCount[]> {
  const hour = hourOf(db, `"createdAt"`);
  const rows = await db.$queryRaw<{ hour: unknown; key: unknown; n: bigint | number }[]>(Prisma.sql`
    SELECT ${hour} AS hour, ${Prisma.raw(`"${keyColumn}"`)} AS key, COUNT(*) AS n
    FROM ${Prisma.raw(`"${table}"`)}
    WHERE ${where} AND "createdAt" >= ${start} AND "createdAt" <= ${end}
    GROUP BY 1, 2`);
  return rows.map((r) => ({ hour: hourEpoch(r.hour), key: String(r.key), count: Number(r.n) }));
}
