import { CountChart } from "@/components/charts/count-chart";
import type { CountBucket } from "@/lib/charts/login-activity";

type Props = { strip: { buckets: CountBucket[]; total: number; partial: boolean }; bucketMs: number };

/** Messages over time for exactly the rows the filters select, above the table. */
export function VolumeStrip({ strip, bucketMs }: Props) {
  const unit = bucketMs < 86_400_000 ? "hour" : "day";
  const summary =
    strip.total === 0
      ? "No messages match these filters in this period."
      : `${strip.partial ? "At least " : ""}${strip.total} matching messages, per ${unit}${strip.partial ? " (the strip counts the newest matches only; narrow the filters for the full picture)" : ""}.`;
  return <CountChart title="Matching messages over time" summary={summary} buckets={strip.buckets} bucketMs={bucketMs} countLabel="Messages" height={90} />;
}
