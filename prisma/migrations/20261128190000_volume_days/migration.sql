-- CreateTable
CREATE TABLE "VolumeDay" (
    "workspaceId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,

    PRIMARY KEY ("workspaceId", "accountId", "day"),
    CONSTRAINT "VolumeDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VolumeDay_workspaceId_day_accountId_total_idx" ON "VolumeDay"("workspaceId", "day", "accountId", "total");

-- The running totals need every hour from the first: the relay's housekeeping counts the
-- rollup again from the messages (a day per pass; the charts count live meanwhile).
DELETE FROM "VolumeHour";
DELETE FROM "TailCursor" WHERE "name" = 'volume-hour';
