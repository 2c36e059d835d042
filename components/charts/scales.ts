// Shared geometry for the server-rendered SVG charts: d3 scales do the maths, components draw.
import { scaleBand, scaleLinear, scaleTime } from "d3-scale";

export const CHART = { width: 720, height: 180, margin: { top: 8, right: 8, bottom: 22, left: 36 } } as const;

export function timeBands(starts: Date[], width: number = CHART.width) {
  return scaleBand<number>()
    .domain(starts.map((d) => d.getTime()))
    .range([CHART.margin.left, width - CHART.margin.right])
    .paddingInner(0.15);
}

export function countScale(max: number, height: number = CHART.height) {
  return scaleLinear()
    .domain([0, Math.max(1, max)])
    .nice()
    .range([height - CHART.margin.bottom, CHART.margin.top]);
}

export function timeScale(start: Date, end: Date, width: number = CHART.width) {
  return scaleTime().domain([start, end]).range([CHART.margin.left, width - CHART.margin.right]);
}

const hourFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC", hourCycle: "h23" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** Axis and table labels: hours within a day, dates beyond (UTC, like the logs). */
export function bucketLabel(d: Date, bucketMs: number): string {
  return bucketMs < 86_400_000 ? `${dayFormat.format(d)} ${hourFormat.format(d)}` : dayFormat.format(d);
}

export function tickLabel(d: Date, bucketMs: number): string {
  return bucketMs < 86_400_000 && d.getUTCHours() !== 0 ? hourFormat.format(d) : dayFormat.format(d);
}

/** About `count` evenly spaced items of a list (axis ticks for bands). */
export function every<T>(items: T[], count: number): T[] {
  const step = Math.max(1, Math.ceil(items.length / count));
  return items.filter((_, i) => i % step === 0);
}
