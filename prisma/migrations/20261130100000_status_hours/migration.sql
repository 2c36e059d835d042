-- Messages per hour and current status, for the Delivery Logs strip of a status filter
-- (lib/charts/status-hours.ts). The relay's housekeeping counts each closed hour once and moves
-- TailCursor "status-hour" past it; these triggers then record every change to a counted hour's
-- messages as a StatusHourChange row, whoever writes it. SQLite has one writer at a time, so the
-- watermark a trigger reads is the one the count was taken with.

-- CreateTable
CREATE TABLE "StatusHour" (
    "workspaceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("workspaceId", "status", "hour"),
    CONSTRAINT "StatusHour_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusHourChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "change" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "StatusHour_hour_idx" ON "StatusHour"("hour");

-- CreateIndex
CREATE INDEX "StatusHourChange_workspaceId_status_hour_idx" ON "StatusHourChange"("workspaceId", "status", "hour");

-- The hour is cut as hourOf (lib/charts/volume-rollup.ts) cuts it: Prisma stores SQLite DateTimes
-- as UTC ISO text, so an hour is the first 13 characters.
CREATE TRIGGER "Message_status_hour_insert" AFTER INSERT ON "Message"
WHEN NEW."createdAt" < (SELECT "createdAt" FROM "TailCursor" WHERE "name" = 'status-hour')
BEGIN
    INSERT INTO "StatusHourChange" ("workspaceId", "status", "hour", "change")
    VALUES (NEW."workspaceId", NEW."status", substr(NEW."createdAt", 1, 13) || ':00:00.000+00:00', 1);
END;

-- createdAt and workspaceId never change in the product; a change to them (a test, a hand fix)
-- moves the message between counts all the same.
CREATE TRIGGER "Message_status_hour_update" AFTER UPDATE OF "status", "createdAt", "workspaceId" ON "Message"
WHEN OLD."status" IS NOT NEW."status" OR OLD."createdAt" IS NOT NEW."createdAt" OR OLD."workspaceId" IS NOT NEW."workspaceId"
BEGIN
    INSERT INTO "StatusHourChange" ("workspaceId", "status", "hour", "change")
    SELECT OLD."workspaceId", OLD."status", substr(OLD."createdAt", 1, 13) || ':00:00.000+00:00', -1
    FROM "TailCursor" c WHERE c."name" = 'status-hour' AND OLD."createdAt" < c."createdAt"
    UNION ALL
    SELECT NEW."workspaceId", NEW."status", substr(NEW."createdAt", 1, 13) || ':00:00.000+00:00', 1
    FROM "TailCursor" c WHERE c."name" = 'status-hour' AND NEW."createdAt" < c."createdAt";
END;

CREATE TRIGGER "Message_status_hour_delete" AFTER DELETE ON "Message"
WHEN OLD."createdAt" < (SELECT "createdAt" FROM "TailCursor" WHERE "name" = 'status-hour')
BEGIN
    INSERT INTO "StatusHourChange" ("workspaceId", "status", "hour", "change")
    VALUES (OLD."workspaceId", OLD."status", substr(OLD."createdAt", 1, 13) || ':00:00.000+00:00', -1);
END;
