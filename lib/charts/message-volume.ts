// Messages per bucket by status, for a workspace or one account: the overview, the account
// page and the Delivery Logs strip read this.
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { MESSAGE_STATUSES } from "../delivery-logs/filters";
import { countPerHour } from "./hour-buckets";
import { bucketOf, bucketStarts, type ChartWindow } from "./range";

export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type VolumeBucket = { start: Date } & Record<MessageStatus, number>;
export type MessageVolume = { buckets: VolumeBucket[]; totals: Record<MessageStatus, number>; total: number };

const zeroCounts = () => Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>;
const isStatus = (s: string): s is MessageStatus => (MESSAGE_STATUSES as readonly string[]).includes(s);

/** Hourly counts from the database, regrouped into the window's buckets (hours or UTC days). */
export async function messageVolume(db: Db, { workspaceId, accountId, window }: { workspaceId: string; accountId?: string; window: ChartWindow }): Promise<MessageVolume> {
  const where = accountId ? Prisma.sql`"workspaceId" = ${workspaceId} AND "accountId" = ${accountId}` : Prisma.sql`"workspaceId" = ${workspaceId}`;
  const hours = await countPerHour(db, { table: "Message", keyColumn: "status", where }, window.start, window.end, { memoize: true });
  const byStart = new Map(bucketStarts(window).map((t) => [t, { start: new Date(t), ...zeroCounts() }]));
  const totals = zeroCounts();
  for (const h of hours) {
    const bucket = byStart.get(bucketOf(h.hour, window.bucketMs));
    if (!bucket || !isStatus(h.key)) continue;
    bucket[h.key] += h.count;
    totals[h.key] += h.count;
  }
  return { buckets: [...byStart.values()], totals, total: Object.values(totals).reduce((a, b) => a + b, 0) };
}
