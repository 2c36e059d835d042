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
  const count = (from: Date, to: Date) => countPerHourNow(db, source, from, to);
  if (!memoize) return count(start, end);
  return closedHoursMemoized(["hours", source.table, source.keyColumn, source.where.sql, JSON.stringify(source.where.values)].join("|"), count, start, end, now);
}

/**
 * Per-hour rows of [start, end] from `count`, with the whole hours before the one under way kept
 * for a minute (chart-cache.ts) under `key` (which must name the workspace and every condition)
 * and only the hour under way counted afresh. An hour's rows never straddle the cut.
 */
export async function closedHoursMemoized<T>(key: string, count: (start: Date, end: Date) => Promise<T[]>, start: Date, end: Date, now = Date.now()): Promise<T[]> {
  const cut = new Date(bucketOf(now, HOUR_MS));
  if (cut <= start || end < cut) return count(start, end);
  const before = new Date(cut.getTime() - 1);
  const [closed, current] = await Promise.all([memoizeChart(`${key}|${start.toISOString()}|${cut.toISOString()}`, () => count(start, before), now), count(cut, end)]);
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
