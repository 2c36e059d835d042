// The relay's housekeeping rolls closed hours of mail events up into VolumeHour, so the charts
// read a few rows per hour instead of every message of the month, and the accepted hours into
// each account's day and running total (VolumeDay) for the top-accounts ranking. Each pass counts the hours
// from the watermark (TailCursor "volume-hour": the first hour not yet counted) up to the last
// closed one, at most `maxHours` of them, and moves the watermark in the same transaction: a
// first pass over an old database catches up a day per pass, later passes an hour at a time.
// "accepted" is counted by Message.createdAt, every other kind by DeliveryAttempt.createdAt and
// outcome. A RCPT TO refused for a suppressed address has a log entry of its own (a Message born
// and kept "suppressed", with a "suppressed" attempt at the same time): it counts as suppressed,
// not as accepted. An hour counts as closed CLOSE_AFTER_MS after it ends: a row may commit a moment after
// the time stamped on it. Nothing here runs on the relay's hot path.
import { type Db, providerOf } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { bucketOf, DAY_MS, HOUR_MS } from "./range";

export const ROLLUP_CURSOR = "volume-hour";
/** How long after an hour ends its rows are taken as final. */
export const CLOSE_AFTER_MS = 5 * 60_000;
/** Hours per pass: a day, so a pass over a busy history stays a short write transaction (SQLite has one writer: the relay). */
export const ROLLUP_MAX_HOURS = 24;

/**
 * The hour of a timestamp column, in the form the provider stores DateTimes. SQLite: Prisma's ISO
 * text, always UTC ("2026-11-26T09:26:14.405+00:00", and sqliteDate for rows written without
 * Prisma), so the hour is its first 13 characters; a substring per row instead of strftime's
 * parse-and-format made the Delivery Logs strip's per-recipient count a third cheaper at 1,000,000 messages.
 */
export function hourOf(db: Db, column: string): Prisma.Sql {
  return providerOf(db) === "sqlite" ? Prisma.raw(`(substr(${column}, 1, 13) || ':00:00.000+00:00')`) : Prisma.raw(`date_trunc('hour', ${column})`);
}

/** An hourOf value as read back (PostgreSQL: a Date; SQLite: its text), as epoch milliseconds. */
export function hourEpoch(value: unknown): number {
  if (value instanceof Date) return Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate(), value.getUTCHours());
  return new Date(String(value)).getTime();
}

/** The first hour the rollup has not counted yet, or null before its first pass. */
export async function rollupWatermark(db: Db, cursor = ROLLUP_CURSOR): Promise<Date | null> {
  const row = await db.tailCursor.findUnique({ where: { name: cursor }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/**
 * How a query over [start, …] splits between a rollup's counted hours and live rows, read inside
 * the statement so both parts see one watermark: `before(column)` keeps the counted hours (below
 * the watermark of `cursor`; none before its first pass), `liveFrom` is where the live part starts
 * (the watermark, or `start` if later).
 */
export function watermarkSplit(cursor: string, start: Date): { before: (column: string) => Prisma.Sql; liveFrom: Prisma.Sql } {
  const mark = Prisma.sql`(SELECT "createdAt" FROM "TailCursor" WHERE "name" = ${cursor})`;
  return {
    before: (column) => Prisma.sql`${Prisma.raw(column)} < COALESCE(${mark}, ${start})`,
    liveFrom: Prisma.sql`CASE WHEN ${mark} > ${start} THEN ${mark} ELSE ${start} END`,
  };
}

export type RollupResult = { from: Date; to: Date; rows: number } | null;
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * One pass of a rollup kept under TailCursor `cursor`: counts the next closed hours [from, to)
 * (at most `maxHours`) with `count`, moving the watermark in the same transaction, or returns
 * null when none is due. `before` runs first in that transaction (status-rollup.ts takes a lock).
 */
export async function closedHoursPass(
  { db, now = new Date(), maxHours = ROLLUP_MAX_HOURS }: { db: Db; now?: Date; maxHours?: number },
  cursor: string,
  count: (tx: Tx, from: Date, to: Date) => Promise<number>,
  before?: (tx: Tx) => Promise<unknown>,
): Promise<RollupResult> {
  const closedUntil = bucketOf(now.getTime() - CLOSE_AFTER_MS, HOUR_MS);
  const mark = await rollupWatermark(db, cursor);
  const from = mark ?? (await firstEventHour(db)) ?? new Date(closedUntil);
  const to = new Date(Math.min(closedUntil, from.getTime() + maxHours * HOUR_MS));
  if (mark === null) {
    // The first pass only places the watermark; an existing one is never moved back.
    await db.tailCursor.createMany({ data: [{ name: cursor, createdAt: from, lastId: "" }] }).catch(() => undefined);
    if (to <= from) return null;
  }
  if (to <= from) return null;
  const rows = await db.$transaction(async (tx) => {
    await before?.(tx);
    // Claim the hours: a second relay running the same pass finds the watermark moved and stops.
    const claimed = await tx.tailCursor.updateMany({ where: { name: cursor, createdAt: from }, data: { createdAt: to } });
    if (claimed.count !== 1) return 0;
    return count(tx, from, to);
  }, { timeout: 120_000 });
  return { from, to, rows };
}

/** One pass: counts the next closed hours (at most `maxHours`), or returns null when none is due. */
export async function rollUpClosedHours(options: { db: Db; now?: Date; maxHours?: number }): Promise<RollupResult> {
  const messageHour = hourOf(options.db, `m."createdAt"`);
  const attemptHour = hourOf(options.db, `a."createdAt"`);
  return closedHoursPass(options, ROLLUP_CURSOR, async (tx, from, to) => {
    // No rows of these hours exist: they are written only here, with the watermark's move.
    // Driven by Workspace, so each workspace's (workspaceId, createdAt) index range is read, not the whole table.
    const accepted = await tx.$executeRaw(Prisma.sql`
      INSERT INTO "VolumeHour" ("workspaceId", "accountId", "hour", "kind", "count")
      SELECT m."workspaceId", COALESCE(m."accountId", ''), ${messageHour}, 'accepted', COUNT(*)
      FROM "Workspace" w JOIN "Message" m ON m."workspaceId" = w."id"
      WHERE m."createdAt" >= ${from} AND m."createdAt" < ${to} AND m."status" <> 'suppressed'
      GROUP BY 1, 2, 3`);
    const outcomes = await tx.$executeRaw(Prisma.sql`
      INSERT INTO "VolumeHour" ("workspaceId", "accountId", "hour", "kind", "count")
      SELECT a."workspaceId", COALESCE(m."accountId", ''), ${attemptHour}, a."outcome", COUNT(*)
      FROM "Workspace" w JOIN "DeliveryAttempt" a ON a."workspaceId" = w."id" JOIN "Message" m ON m."id" = a."messageId"
      WHERE a."createdAt" >= ${from} AND a."createdAt" < ${to} AND a."outcome" <> 'accepted'
      GROUP BY 1, 2, 3, 4`);
    const totals = await tx.$executeRaw(Prisma.sql`
      INSERT INTO "VolumeHour" ("workspaceId", "accountId", "hour", "kind", "count")
      SELECT "workspaceId", '*', "hour", "kind", SUM("count")
      FROM "VolumeHour"
      WHERE "hour" >= ${from} AND "hour" < ${to} AND "accountId" <> '*'
      GROUP BY 1, 3, 4`);
    const days = await rollUpDays(tx, from, to);
    return accepted + outcomes + totals + days;
  });
}

/**
 * The accepted hours [from, to) of VolumeHour added to their days in VolumeDay, day by day: a
 * day begins (its midnight is in the pass) with every account's total of the day before carried
 * over, then gets its hours. Runs in the rollup's transaction, after the hours are written.
 */
async function rollUpDays(db: Pick<Db, "$executeRaw">, from: Date, to: Date): Promise<number> {
  let rows = 0;
  for (let day = bucketOf(from.getTime(), DAY_MS); day < to.getTime(); day += DAY_MS) {
    if (day >= from.getTime()) {
      rows += await db.$executeRaw(Prisma.sql`
        INSERT INTO "VolumeDay" ("workspaceId", "accountId", "day", "count", "total")
        SELECT "workspaceId", "accountId", ${new Date(day)}, 0, "total" FROM "VolumeDay" WHERE "day" = ${new Date(day - DAY_MS)}`);
    }
    const hours = { from: new Date(Math.max(day, from.getTime())), to: new Date(Math.min(day + DAY_MS, to.getTime())) };
    rows += await db.$executeRaw(Prisma.sql`
      INSERT INTO "VolumeDay" ("workspaceId", "accountId", "day", "count", "total")
      SELECT "workspaceId", "accountId", ${new Date(day)}, SUM("count"), SUM("count") FROM "VolumeHour"
      WHERE "kind" = 'accepted' AND "hour" >= ${hours.from} AND "hour" < ${hours.to} AND "accountId" NOT IN ('*', '')
      GROUP BY 1, 2
      ON CONFLICT ("workspaceId", "accountId", "day") DO UPDATE SET "count" = "VolumeDay"."count" + excluded."count", "total" = "VolumeDay"."total" + excluded."count"`);
  }
  return rows;
}

/** The hour of the oldest message (attempts come after their message), or null when there is none. */
async function firstEventHour(db: Db): Promise<Date | null> {
  const first = await db.message.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return first ? new Date(bucketOf(first.createdAt.getTime(), HOUR_MS)) : null;
}
