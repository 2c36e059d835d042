// Messages of one status per hour, in ONE statement: the hours the status rollup has counted
// come from StatusHour plus the changes recorded since (status-rollup.ts), the rest — the hour
// under way and any the rollup has not reached — from Message's (workspaceId, status, createdAt)
// index. The watermark is read inside the statement, so the parts meet exactly, and one
// snapshot sees a pass's counts and its watermark together (they commit together).
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { STATUS_CURSOR } from "./status-rollup";
import { hourEpoch, hourOf, watermarkSplit } from "./volume-rollup";

/** Messages with `status` per hour of their createdAt in [start, end]; `start` a whole hour (chart windows are). */
export async function statusHours(db: Db, { workspaceId, status, start, end }: { workspaceId: string; status: string; start: Date; end: Date }): Promise<{ hour: number; count: number }[]> {
  const { before, liveFrom } = watermarkSplit(STATUS_CURSOR, start);
  const counted = Prisma.sql`"workspaceId" = ${workspaceId} AND "status" = ${status} AND "hour" >= ${start} AND "hour" <= ${end} AND ${before(`"hour"`)}`;
  const rows = await db.$queryRaw<{ hour: unknown; n: bigint | number }[]>(Prisma.sql`
    SELECT hour, SUM(n) AS n FROM (
      SELECT "hour" AS hour, "count" AS n FROM "StatusHour" WHERE ${counted}
      UNION ALL
      SELECT "hour" AS hour, "change" AS n FROM "StatusHourChange" WHERE ${counted}
      UNION ALL
      SELECT ${hourOf(db, `"createdAt"`)} AS hour, COUNT(*) AS n FROM "Message"
      WHERE "workspaceId" = ${workspaceId} AND "status" = ${status} AND "createdAt" >= ${liveFrom} AND "createdAt" <= ${end}
      GROUP BY 1
    ) parts GROUP BY hour`);
  return rows.flatMap((r) => (Number(r.n) > 0 ? [{ hour: hourEpoch(r.hour), count: Number(r.n) }] : []));
}
