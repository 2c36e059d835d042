// Mail per bucket by event, for a workspace or one account (the overview and the account page):
// messages accepted, and delivery outcomes (delivered, deferred, bounced, rejected, held,
// suppressed: a RCPT TO refused for a suppressed address has its own log entry) counted
// in the hour they happened — not messages by their current status, so a past hour's bars never
// change when a deferred message is delivered later. Closed hours come from the hourly rollup.
import type { Db } from "../db";
import { bucketOf, bucketStarts, type ChartWindow } from "./range";
import { countEvents } from "./volume-hours";

export const VOLUME_KINDS = ["accepted", "delivered", "deferred", "bounced", "rejected", "held", "suppressed"] as const;
export type VolumeKind = (typeof VOLUME_KINDS)[number];
export type VolumeBucket = { start: Date } & Record<VolumeKind, number>;
/** `total` is the number of events of every kind shown (zero means no mail at all in the window). */
export type MessageVolume = { buckets: VolumeBucket[]; totals: Record<VolumeKind, number>; total: number };

const zeroCounts = () => Object.fromEntries(VOLUME_KINDS.map((s) => [s, 0])) as Record<VolumeKind, number>;
const isKind = (s: string): s is VolumeKind => (VOLUME_KINDS as readonly string[]).includes(s);

/** Hourly counts, regrouped into the window's buckets (hours or UTC days). */
export async function messageVolume(db: Db, { workspaceId, accountId, window }: { workspaceId: string; accountId?: string; window: ChartWindow }): Promise<MessageVolume> {
  const hours = await countEvents(db, { workspaceId, accounts: accountId ? [accountId] : undefined, kinds: VOLUME_KINDS, start: window.start, end: window.end });
  const byStart = new Map(bucketStarts(window).map((t) => [t, { start: new Date(t), ...zeroCounts() }]));
  const totals = zeroCounts();
  for (const h of hours) {
    const bucket = byStart.get(bucketOf(h.hour, window.bucketMs));
    if (!bucket || !isKind(h.kind)) continue;
    bucket[h.kind] += h.count;
    totals[h.kind] += h.count;
  }
  return { buckets: [...byStart.values()], totals, total: Object.values(totals).reduce((a, b) => a + b, 0) };
}
