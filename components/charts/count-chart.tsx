import type { CountBucket } from "@/lib/charts/login-activity";
import { Axes } from "./axes";
import { barsPath } from "./bar-paths";
import { ChartFigure } from "./chart-figure";
import { bucketLabel, CHART, countScale, timeBands } from "./scales";

type Props = { title: string; summary: string; buckets: CountBucket[]; bucketMs: number; countLabel: string; fill?: string; height?: number; actions?: React.ReactNode };

/** One count per bucket as bars (AUTH failures, the Delivery Logs strip). */
export function CountChart({ title, summary, buckets, bucketMs, countLabel, fill = "fill-indigo-500", height = CHART.height, actions }: Props) {
  const x = timeBands(buckets.map((b) => b.start));
  const y = countScale(Math.max(0, ...buckets.map((b) => b.count)), height);
  return (
    <ChartFigure
      title={title}
      summary={summary}
      actions={actions}
      columns={["Time (UTC)", countLabel]}
      rows={buckets.filter((b) => b.count > 0).map((b) => [bucketLabel(b.start, bucketMs), b.count])}
    >
      <svg viewBox={`0 0 ${CHART.width} ${height}`} className="h-auto w-full" role="presentation">
        <Axes x={x} y={y} bucketMs={bucketMs} height={height} />
        <path className={fill} d={barsPath(buckets.map((b) => ({ x: x(b.start.getTime())!, width: x.bandwidth(), y: y(b.count), height: y(0) - y(b.count) })))} />
      </svg>
    </ChartFigure>
  );
}
