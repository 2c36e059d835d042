// Retention, for the relay's housekeeping: messages (their recipients and attempts go by
// cascade) and the charts' hourly counts of them, login events and sink .eml files older than MESSAGE_RETENTION_DAYS; audit events
// older than AUDIT_RETENTION_DAYS; the API's stored Idempotency-Key answers after their 24 hours;
// webhook deliveries (with their attempts) older than MESSAGE_RETENTION_DAYS and no longer pending. Deletes run in bounded batches (short write transactions,
// so the relay's group commit on SQLite never waits long), up to `maxBatches` per kind per call.
import fs from "node:fs/promises";
import path from "node:path";
import { bucketOf, HOUR_MS } from "../charts/range";
import type { Db } from "../db";
import type { Env } from "../env";

const DAY = 86_400_000;

export type PruneOptions = { now?: Date; batchSize?: number; maxBatches?: number };
export type PruneResult = { messages: number; loginEvents: number; auditEvents: number; sinkFiles: number; idempotencyKeys: number; webhookDeliveries: number; volumeHours: number };

export async function pruneExpired(
  db: Db,
  env: Pick<Env, "MESSAGE_RETENTION_DAYS" | "AUDIT_RETENTION_DAYS">,
  dataDir: string,
  { now = new Date(), batchSize = 500, maxBatches = 200 }: PruneOptions = {},
): Promise<PruneResult> {
  const messageCutoff = new Date(now.getTime() - env.MESSAGE_RETENTION_DAYS * DAY);
  const auditCutoff = new Date(now.getTime() - env.AUDIT_RETENTION_DAYS * DAY);

  const inBatches = async (select: () => Promise<{ id: string }[]>, remove: (ids: string[]) => Promise<{ count: number }>) => {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const ids = (await select()).map((r) => r.id);
      if (ids.length === 0) break;
      total += (await remove(ids)).count;
      if (ids.length < batchSize) break;
    }
    return total;
  };

  // Workspace by workspace, so each select is a range of a (workspaceId, createdAt) index: without
  // the workspace, nothing indexes createdAt alone, and finding that nothing has expired read
  // all of a million messages (~300 ms on PostgreSQL at every pass, the relay's start included).
  const workspaceIds = (await db.workspace.findMany({ select: { id: true } })).map((w) => w.id);
  let messages = 0;
  for (const workspaceId of workspaceIds)
    messages += await inBatches(
      () => db.message.findMany({ where: { workspaceId, createdAt: { lt: messageCutoff } }, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: batchSize }),
      (ids) => db.message.deleteMany({ where: { id: { in: ids } } }),
    );
  let loginEvents = 0;
  // Failed logins for unknown usernames belong to no workspace.
  for (const workspaceId of [...workspaceIds, null])
    loginEvents += await inBatches(
      () => db.loginEvent.findMany({ where: { workspaceId, createdAt: { lt: messageCutoff } }, select: { id: true }, orderBy: { createdAt: "asc" }, take: batchSize }),
      (ids) => db.loginEvent.deleteMany({ where: { id: { in: ids } } }),
    );
  const auditEvents = await inBatches(
    () => db.auditEvent.findMany({ where: { createdAt: { lt: auditCutoff } }, select: { id: true }, take: batchSize }),
    (ids) => db.auditEvent.deleteMany({ where: { id: { in: ids } } }),
  );
  const idempotencyKeys = await inBatches(
    () => db.idempotencyKey.findMany({ where: { expiresAt: { lte: now } }, select: { id: true }, take: batchSize }),
    (ids) => db.idempotencyKey.deleteMany({ where: { id: { in: ids } } }),
  );
  const webhookDeliveries = await inBatches(
    () => db.webhookDelivery.findMany({ where: { createdAt: { lt: messageCutoff }, status: { not: "pending" } }, select: { id: true }, take: batchSize }),
    (ids) => db.webhookDelivery.deleteMany({ where: { id: { in: ids } } }),
  );
  const sinkFiles = await pruneSink(path.join(dataDir, "sink"), messageCutoff, batchSize * maxBatches);
  // The charts' hourly counts go with the messages they counted (after the first run, an hour's rows at a time).
  const cutoffHour = new Date(bucketOf(messageCutoff.getTime(), HOUR_MS));
  const { count: volumeHours } = await db.volumeHour.deleteMany({ where: { hour: { lt: cutoffHour } } });
  // The status counts of those hours, and the changes the messages' deletion just recorded for them.
  await db.statusHour.deleteMany({ where: { hour: { lt: cutoffHour } } });
  await db.statusHourChange.deleteMany({ where: { hour: { lt: cutoffHour } } });
  // The running totals too, but the day before the first kept one: a window's count starts from it.
  await db.volumeDay.deleteMany({ where: { day: { lt: new Date((Math.floor(messageCutoff.getTime() / 86_400_000) - 1) * 86_400_000) } } });
  return { messages, loginEvents, auditEvents, sinkFiles, idempotencyKeys, webhookDeliveries, volumeHours };
}

/** Deletes sink files last modified before the cutoff, reading the directory as a stream. */
async function pruneSink(dir: string, cutoff: Date, max: number): Promise<number> {
  let handle: Awaited<ReturnType<typeof fs.opendir>>;
  try {
    handle = await fs.opendir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for await (const entry of handle) {
    if (removed >= max) break;
    if (!entry.isFile() || !entry.name.endsWith(".eml")) continue;
    const file = path.join(dir, entry.name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && stat.mtime < cutoff) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
