import { line } from "d3-shape";
import type { LoginsByIp } from "@/lib/charts/login-activity";
import type { ReviewWindow } from "@/lib/delivery-logs/review";
import { Axes } from "./axes";
import { ChartFigure } from "./chart-figure";
import { bucketLabel, CHART, countScale, timeBands } from "./scales";

const STROKES = ["stroke-indigo-500", "stroke-emerald-500", "stroke-amber-500", "stroke-sky-500", "stroke-fuchsia-500", "stroke-slate-500", "stroke-slate-400"];
const SWATCHES = ["bg-indigo-500", "bg-emerald-500", "bg-amber-500", "bg-sky-500", "bg-fuchsia-500", "bg-slate-500", "bg-slate-400"];

type Props = { logins: LoginsByIp; bucketMs: number; rangeLabel: string; review: ReviewWindow };

/** Logins per hour, one line per client IP; new IPs drawn dashed, the compromise review window shaded. */
export function LoginsByIpChart({ logins, bucketMs, rangeLabel, review }: Props) {
  const { starts, series } = logins;
  const x = timeBands(starts);
  const y = countScale(Math.max(0, ...series.flatMap((s) => s.counts)));
  const centre = (t: Date) => (x(t.getTime()) ?? 0) + x.bandwidth() / 2;
  const path = (counts: number[]) => line<number>((_, i) => centre(starts[i]!), (v) => y(v))(counts) ?? "";
  // The review window, clipped to the chart's range.
  const [left, right] = x.range() as [number, number];
  const first = starts[0]?.getTime() ?? 0;
  const span = (starts.length * bucketMs) || 1;
  const at = (t: number) => left + ((right - left) * (t - first)) / span;
  const reviewLeft = Math.max(left, at(review.from.getTime()));
  const reviewRight = Math.min(right, at(review.to.getTime()));
  const newIps = series.filter((s) => s.isNew).map((s) => s.ip);
  const total = series.reduce((a, s) => a + s.total, 0);
  const summary =
    total === 0
      ? `No SMTP logins in the ${rangeLabel}.`
      : `${total} logins in the ${rangeLabel} from ${series.length} ${series.length === 1 ? "IP" : "IP groups"}${newIps.length ? `; new IPs: ${newIps.join(", ")}` : "; no new IPs"}. The shaded band is the compromise review window.`;
  return (
    <ChartFigure
      title="Logins per hour by IP"
      summary={summary}
      columns={["Time (UTC)", ...series.map((s) => `${s.ip}${s.isNew ? " (new)" : ""}`)]}
      rows={starts.map((t, i): [string, ...number[]] => [bucketLabel(t, bucketMs), ...series.map((s) => s.counts[i]!)]).filter(([, ...counts]) => counts.some((n) => n > 0))}
    >
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} className="h-auto w-full" role="presentation">
        {reviewRight > reviewLeft && (
          <rect x={reviewLeft} width={reviewRight - reviewLeft} y={CHART.margin.top} height={CHART.height - CHART.margin.top - CHART.margin.bottom} className="fill-red-50 stroke-red-200" />
        )}
        <Axes x={x} y={y} bucketMs={bucketMs} />
        {series.map((s, i) => (
          <path key={s.ip} d={path(s.counts)} className={`fill-none ${STROKES[i % STROKES.length]}`} strokeWidth={1.5} strokeDasharray={s.isNew ? "4 3" : undefined} />
        ))}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {series.map((s, i) => (
          <li key={s.ip} className="flex items-center gap-1">
            <span className={`inline-block h-0.5 w-4 ${SWATCHES[i % SWATCHES.length]}`} />
            <span className="font-mono">{s.ip}</span>
            {s.isNew && <span className="rounded bg-amber-100 px-1 font-medium text-amber-800">new</span>}
          </li>
        ))}
        <li className="flex items-center gap-1">
          <span className="inline-block h-2.5 w-4 border border-red-200 bg-red-50" />
          Review window
        </li>
      </ul>
    </ChartFigure>
  );
}
