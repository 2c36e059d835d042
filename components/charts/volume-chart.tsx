import { line, stack } from "d3-shape";
import type { MessageVolume } from "@/lib/charts/message-volume";
import { Axes } from "./axes";
import { barsPath } from "./bar-paths";
import { ChartFigure } from "./chart-figure";
import { bucketLabel, CHART, countScale, timeBands } from "./scales";

// Delivery outcomes in the hour they happened, stacked bottom to top, and their colours (legend
// and bars share them); messages accepted are the line over them. A message deferred twice and
// then delivered counts in three hours, so the bars of an hour need not equal its accepted count.
const SERIES = [
  { key: "delivered", label: "Delivered", fill: "fill-emerald-500", swatch: "bg-emerald-500" },
  { key: "deferred", label: "Deferred", fill: "fill-amber-400", swatch: "bg-amber-400" },
  { key: "bounced", label: "Bounced", fill: "fill-red-500", swatch: "bg-red-500" },
  { key: "rejected", label: "Rejected", fill: "fill-rose-800", swatch: "bg-rose-800" },
  { key: "held", label: "Held", fill: "fill-violet-500", swatch: "bg-violet-500" },
  { key: "suppressed", label: "Suppressed", fill: "fill-slate-500", swatch: "bg-slate-500" },
] as const;
const ACCEPTED = { key: "accepted", label: "Accepted" } as const;

type Props = { title: string; volume: MessageVolume; bucketMs: number; rangeLabel: string; actions?: React.ReactNode };

/** Messages accepted per bucket (a line) over delivery outcomes per bucket (stacked bars). */
export function VolumeChart({ title, volume, bucketMs, rangeLabel, actions }: Props) {
  const { buckets, totals, total } = volume;
  const keys = SERIES.map((s) => s.key);
  const layers = stack<(typeof buckets)[number], (typeof keys)[number]>().keys(keys)(buckets);
  const x = timeBands(buckets.map((b) => b.start));
  const y = countScale(Math.max(0, ...layers.flatMap((l) => l.map((p) => p[1])), ...buckets.map((b) => b.accepted)));
  const acceptedLine = line<(typeof buckets)[number]>()
    .x((b) => x(b.start.getTime())! + x.bandwidth() / 2)
    .y((b) => y(b.accepted))(buckets);
  const parts = SERIES.filter((s) => totals[s.key] > 0).map((s) => `${totals[s.key]} ${s.label.toLowerCase()}`);
  const summary =
    total === 0
      ? `No mail in the ${rangeLabel}.`
      : `${totals.accepted} messages accepted in the ${rangeLabel}; delivery outcomes by the hour they happened: ${parts.length ? parts.join(", ") : "none yet"}.`;
  return (
    <ChartFigure
      title={title}
      summary={summary}
      actions={actions}
      columns={["Time (UTC)", ACCEPTED.label, ...SERIES.map((s) => s.label)]}
      rows={buckets.filter((b) => b.accepted > 0 || SERIES.some((s) => b[s.key] > 0)).map((b) => [bucketLabel(b.start, bucketMs), b.accepted, ...SERIES.map((s) => b[s.key])])}
    >
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} className="h-auto w-full" role="presentation">
        <Axes x={x} y={y} bucketMs={bucketMs} />
        {layers.map((layer, i) => (
          <path key={layer.key} className={SERIES[i]!.fill} d={barsPath(layer.map((p) => ({ x: x(p.data.start.getTime())!, width: x.bandwidth(), y: y(p[1]), height: y(p[0]) - y(p[1]) })))} />
        ))}
        {acceptedLine && <path d={acceptedLine} className="fill-none stroke-sky-600" strokeWidth={1.5} />}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <li className="flex items-center gap-1">
          <span className="inline-block h-0.5 w-3 bg-sky-600" />
          {ACCEPTED.label} (line)
        </li>
        {SERIES.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <span className={`inline-block h-2.5 w-2.5 rounded-sm ${s.swatch}`} />
            {s.label}
          </li>
        ))}
      </ul>
    </ChartFigure>
  );
}
