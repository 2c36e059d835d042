-- CreateTable
CREATE TABLE "VolumeDay" (
    "workspaceId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,

    CONSTRAINT "VolumeDay_pkey" PRIMARY KEY ("workspaceId","accountId","day")
);

-- CreateIndex
CREATE INDEX "VolumeDay_workspaceId_day_accountId_total_idx" ON "VolumeDay"("workspaceId", "day", "accountId", "total");

-- AddForeignKey
ALTER TABLE "VolumeDay" ADD CONSTRAINT "VolumeDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The running totals need every hour from the first: the relay's housekeeping counts the
-- rollup again from the messages (a day per pass; the charts count live meanwhile).
DELETE FROM "VolumeHour";
DELETE FROM "TailCursor" WHERE "name" = 'volume-hour';
