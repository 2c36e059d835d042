-- CreateTable
CREATE TABLE "VolumeDay" (
    "workspaceId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("workspaceId", "accountId", "kind", "day"),
    CONSTRAINT "VolumeDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VolumeDay_workspaceId_kind_day_accountId_count_idx" ON "VolumeDay"("workspaceId", "kind", "day", "accountId", "count");

-- The hours already rolled up, summed by day (from here on the rollup fills both in one transaction).
INSERT INTO "VolumeDay" ("workspaceId", "accountId", "day", "kind", "count")
SELECT "workspaceId", "accountId", strftime('%Y-%m-%dT00:00:00.000+00:00', "hour"), "kind", SUM("count")
FROM "VolumeHour" GROUP BY 1, 2, 3, 4;
