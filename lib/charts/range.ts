// The windows a chart can show, and the empty buckets a window is cut into: every bucket is
// present (zero when nothing happened), so a quiet hour reads as a gap rather than vanishing.
import { z } from "zod";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const CHART_RANGES = { "24h": { ms: DAY_MS, bucketMs: HOUR_MS }, "7d": { ms: 7 * DAY_MS, bucketMs: HOUR_MS }, "30d": { ms: 30 * DAY_MS, bucketMs: DAY_MS } } as const;
export type ChartRange = keyof typeof CHART_RANGES;
export const ZChartRange = z.enum(["24h", "7d", "30d"]).catch("24h");

export type ChartWindow = { start: Date; end: Date; bucketMs: number };

/** The window ending now, its start floored to a whole bucket (UTC) so buckets line up with hours and days. */
export function chartWindow(range: ChartRange, now = new Date()): ChartWindow {
  const { ms, bucketMs } = CHART_RANGES[range];
  const end = now;
  const start = new Date(Math.floor((now.getTime() - ms) / bucketMs) * bucketMs + bucketMs);
  return { start, end, bucketMs };
}

/** Bucket starts (epoch ms) from the window's start up to its end. */
export function bucketStarts({ start, end, bucketMs }: ChartWindow): number[] {
  const out: number[] = [];
  for (let t = start.getTime(); t <= end.getTime(); t += bucketMs) out.push(t);
  return out;
}

export function bucketOf(time: number, bucketMs: number): number {
  return Math.floor(time / bucketMs) * bucketMs;
}

/** Hourly counts summed into the window's buckets (every bucket present, empty ones as 0), with their total. */
export function bucketCounts(window: ChartWindow, hours: readonly { hour: number; count: number }[]): { buckets: { start: Date; count: number }[]; total: number } {
  const byStart = new Map(bucketStarts(window).map((t) => [t, { start: new Date(t), count: 0 }]));
  for (const h of hours) {
    const bucket = byStart.get(bucketOf(h.hour, window.bucketMs));
    if (bucket) bucket.count += h.count;
  }
  const buckets = [...byStart.values()];
  return { buckets, total: buckets.reduce((a, b) => a + b.count, 0) };
}
