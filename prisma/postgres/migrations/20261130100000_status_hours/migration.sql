-- Messages per hour and current status, for the Delivery Logs strip of a status filter
-- (lib/charts/status-hours.ts). The relay's housekeeping counts each closed hour once and moves
-- TailCursor "status-hour" past it; these triggers then record every change to a counted hour's
-- messages as a StatusHourChange row, whoever writes it.

-- CreateTable
CREATE TABLE "StatusHour" (
    "workspaceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "StatusHour_pkey" PRIMARY KEY ("workspaceId","status","hour")
);

-- CreateTable
CREATE TABLE "StatusHourChange" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "change" INTEGER NOT NULL,

    CONSTRAINT "StatusHourChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatusHour_hour_idx" ON "StatusHour"("hour");

-- CreateIndex
CREATE INDEX "StatusHourChange_workspaceId_status_hour_idx" ON "StatusHourChange"("workspaceId", "status", "hour");

-- AddForeignKey
ALTER TABLE "StatusHour" ADD CONSTRAINT "StatusHour_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row's change. Under READ COMMITTED the watermark read here could be moved by a rollup
-- counting the same hour concurrently, so the two take one advisory lock: this side shared (any
-- number of writers at once), the rollup exclusive (lib/charts/status-rollup.ts, STATUS_HOUR_LOCK),
-- which therefore counts only after every writer that read the old watermark has committed.
CREATE FUNCTION "status_hour_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mark TIMESTAMP(3);
BEGIN
    PERFORM pg_advisory_xact_lock_shared(1298753391);
    SELECT "createdAt" INTO mark FROM "TailCursor" WHERE "name" = 'status-hour';
    IF mark IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."createdAt" < mark THEN
        INSERT INTO "StatusHourChange" ("workspaceId", "status", "hour", "change")
        VALUES (OLD."workspaceId", OLD."status", date_trunc('hour', OLD."createdAt"), -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."createdAt" < mark THEN
        INSERT INTO "StatusHourChange" ("workspaceId", "status", "hour", "change")
        VALUES (NEW."workspaceId", NEW."status", date_trunc('hour', NEW."createdAt"), 1);
    END IF;
    RETURN NULL;
END
$$;

-- The rollup counts an hour only after it has closed, so a row of the hour under way (by this
-- server's clock: every message the relay accepts) never needs the function at all.
CREATE TRIGGER "Message_status_hour_insert" AFTER INSERT ON "Message" FOR EACH ROW
WHEN (NEW."createdAt" < date_trunc('hour', now() AT TIME ZONE 'UTC'))
EXECUTE FUNCTION "status_hour_change"();

-- createdAt and workspaceId never change in the product; a change to them (a test, a hand fix)
-- moves the message between counts all the same.
CREATE TRIGGER "Message_status_hour_update" AFTER UPDATE OF "status", "createdAt", "workspaceId" ON "Message" FOR EACH ROW
WHEN ((OLD."status", OLD."createdAt", OLD."workspaceId") IS DISTINCT FROM (NEW."status", NEW."createdAt", NEW."workspaceId")
      AND LEAST(OLD."createdAt", NEW."createdAt") < date_trunc('hour', now() AT TIME ZONE 'UTC'))
EXECUTE FUNCTION "status_hour_change"();

CREATE TRIGGER "Message_status_hour_delete" AFTER DELETE ON "Message" FOR EACH ROW
WHEN (OLD."createdAt" < date_trunc('hour', now() AT TIME ZONE 'UTC'))
EXECUTE FUNCTION "status_hour_change"();
