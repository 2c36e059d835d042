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
