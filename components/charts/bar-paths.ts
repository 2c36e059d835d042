// Bars as one SVG path per series instead of one <rect> each: a week of hourly buckets stacked six
// deep was ~1,000 React elements per chart, each rendered twice (the HTML and the RSC payload that
// hydrates it). One path draws the same rectangles, to a hundredth of a pixel.
export type Bar = { x: number; y: number; width: number; height: number };

const n = (v: number) => String(Math.round(v * 100) / 100);

/** The `d` of one path drawing every bar (zero-height bars draw nothing). */
export function barsPath(bars: readonly Bar[]): string {
  return bars
    .filter((b) => b.height > 0 && b.width > 0)
    .map((b) => `M${n(b.x)} ${n(b.y)}h${n(b.width)}v${n(b.height)}h${n(-b.width)}z`)
    .join("");
}
