-- CreateIndex
CREATE INDEX "VolumeDay_day_idx" ON "VolumeDay"("day");

-- CreateIndex
CREATE INDEX "VolumeHour_hour_idx" ON "VolumeHour"("hour");
