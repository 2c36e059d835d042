// The Delivery Logs strip: messages per bucket for whatever the filters select. The filters
// are a Prisma `where` (recipients, senders…) that raw SQL cannot reuse, so this reads only
// createdAt of the matching rows and buckets them here, bounded by MAX_ROWS: beyond it the
// strip says it is partial instead of loading the whole log into memory.
import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { bucketOf, bucketStarts, DAY_MS, HOUR_MS, type ChartWindow } from "./range";
import type { CountBucket } from "./login-activity";

export const MAX_ROWS = 20_000;

/** A window for the filters' own time range: hours up to three days, days beyond, 30 days by default. */
export function stripWindow(from: Date | undefined, to: Date | undefined, now = new Date()): ChartWindow {
  const end = to && to < now ? to : now;
  const start = from ?? new Date(end.getTime() - 30 * DAY_MS);
  const bucketMs = end.getTime() - start.getTime() <= 3 * DAY_MS ? HOUR_MS : DAY_MS;
  return { start: new Date(bucketOf(start.getTime(), bucketMs)), end, bucketMs };
}

export async function filteredVolume(db: Db, { where, window }: { where: Prisma.MessageWhereInput; window: ChartWindow }): Promise<{ buckets: CountBucket[]; total: number; partial: boolean }> {
  const rows = await db.message.findMany({
    where: { AND: [where, { createdAt: { gte: window.start, lte: window.end } }] },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: MAX_ROWS + 1,
  });
  const partial = rows.length > MAX_ROWS;
  const byStart = new Map(bucketStarts(window).map((t) => [t, { start: new Date(t), count: 0 }]));
  for (const r of rows.slice(0, MAX_ROWS)) {
    const bucket = byStart.get(bucketOf(r.createdAt.getTime(), window.bucketMs));
    if (bucket) bucket.count += 1;
  }
  const buckets = [...byStart.values()];
  return { buckets, total: buckets.reduce((a, b) => a + b.count, 0), partial };
}
