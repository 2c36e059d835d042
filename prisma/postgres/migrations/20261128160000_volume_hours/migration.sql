-- CreateTable
CREATE TABLE "VolumeHour" (
    "workspaceId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "VolumeHour_pkey" PRIMARY KEY ("workspaceId","accountId","kind","hour")
);

-- CreateIndex
CREATE INDEX "VolumeHour_workspaceId_kind_hour_accountId_count_idx" ON "VolumeHour"("workspaceId", "kind", "hour", "accountId", "count");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_workspaceId_createdAt_idx" ON "DeliveryAttempt"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "VolumeHour" ADD CONSTRAINT "VolumeHour_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

