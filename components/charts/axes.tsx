import type { ScaleBand, ScaleLinear } from "d3-scale";
import { CHART, every, tickLabel } from "./scales";

/** Gridlines with counts on the left, and a few bucket labels along the bottom (UTC). */
export function Axes({ x, y, bucketMs, height = CHART.height }: { x: ScaleBand<number>; y: ScaleLinear<number, number>; bucketMs: number; height?: number }) {
  const [left, right] = x.range();
  return (
    <g className="text-[10px]">
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} className="stroke-slate-200" />
          <text x={left - 4} y={y(t)} dy="0.32em" textAnchor="end" className="fill-slate-500">
            {t}
          </text>
        </g>
      ))}
      {every(x.domain(), 6).map((t) => (
        <text key={t} x={(x(t) ?? 0) + x.bandwidth() / 2} y={height - 6} textAnchor="middle" className="fill-slate-500">
          {tickLabel(new Date(t), bucketMs)}
        </text>
      ))}
    </g>
  );
}
