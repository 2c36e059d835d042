// Messages per hour and current status (StatusHour), for the Delivery Logs strip of a status
// filter: a status is most of a workspace's mail ("delivered"), and counting its index range for
// a week of 1,000,000 messages read ~290,000 index entries a request (33 ms on PostgreSQL).
// Each closed hour is counted once here, under TailCursor STATUS_CURSOR. A status changes after
// its hour has closed (a deferred message delivered the next day, a hold, retention), so
// database triggers (migration 20261130100000_status_hours) append each change to a counted
// hour's messages to StatusHourChange; foldStatusChanges moves them into the counts. Readers add
// both (status-hours.ts), so a count is exact between folds too.
import { type Db, providerOf } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { closedHoursPass, hourOf, type RollupResult } from "./volume-rollup";

export const STATUS_CURSOR = "status-hour";
/**
 * The advisory lock the PostgreSQL trigger function takes shared before it reads the watermark,
 * and a pass takes exclusive before it counts (the number is in the migration too). Without it,
 * under READ COMMITTED a writer could read the old watermark while a pass counts that writer's
 * hour from a snapshot without its change, and the change would be lost.
 */
export const STATUS_HOUR_LOCK = 1298753391;

/** One pass: counts the next closed hours of every workspace by status, or returns null when none is due. */
export async function rollUpStatusHours(options: { db: Db; now?: Date; maxHours?: number }): Promise<RollupResult> {
  const { db } = options;
  const hour = hourOf(db, `m."createdAt"`);
  const lock = providerOf(db) === "sqlite" ? undefined : (tx: Pick<Db, "$executeRaw">) => tx.$executeRaw`SELECT pg_advisory_xact_lock(${STATUS_HOUR_LOCK}::bigint)`;
  return closedHoursPass(
    options,
    STATUS_CURSOR,
    (tx, from, to) =>
      // No rows of these hours exist, and no changes to them: the triggers write only below the
      // watermark, which moves in this transaction.
      tx.$executeRaw(Prisma.sql`
        INSERT INTO "StatusHour" ("workspaceId", "status", "hour", "count")
        SELECT m."workspaceId", m."status", ${hour}, COUNT(*)
        FROM "Workspace" w JOIN "Message" m ON m."workspaceId" = w."id"
        WHERE m."createdAt" >= ${from} AND m."createdAt" < ${to}
        GROUP BY 1, 2, 3`),
    lock,
  );
}

/**
 * Moves the recorded changes into StatusHour, dropping those of deleted workspaces. PostgreSQL:
 * one statement deletes exactly the changes it adds (a change committed meanwhile stays for the
 * next fold; two relays folding at once each move a change at most once). SQLite: one writer, so
 * the two statements of one transaction see the same changes.
 */
export async function foldStatusChanges(db: Db): Promise<number> {
  const upsert = Prisma.sql`ON CONFLICT ("workspaceId", "status", "hour") DO UPDATE SET "count" = "StatusHour"."count" + excluded."count"`;
  if (providerOf(db) !== "sqlite") {
    return db.$executeRaw(Prisma.sql`
      WITH moved AS (DELETE FROM "StatusHourChange" RETURNING "workspaceId", "status", "hour", "change")
      INSERT INTO "StatusHour" ("workspaceId", "status", "hour", "count")
      SELECT c."workspaceId", c."status", c."hour", SUM(c."change") FROM moved c JOIN "Workspace" w ON w."id" = c."workspaceId"
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ${upsert}`);
  }
  const [folded] = await db.$transaction([
    db.$executeRaw(Prisma.sql`
      INSERT INTO "StatusHour" ("workspaceId", "status", "hour", "count")
      SELECT c."workspaceId", c."status", c."hour", SUM(c."change") FROM "StatusHourChange" c JOIN "Workspace" w ON w."id" = c."workspaceId"
      WHERE true GROUP BY 1, 2, 3
      ${upsert}`),
    db.$executeRaw`DELETE FROM "StatusHourChange"`,
  ]);
  return folded;
}
