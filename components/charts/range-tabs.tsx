import Link from "next/link";
import type { ChartRange } from "@/lib/charts/range";

const RANGES: { range: ChartRange; label: string }[] = [
  { range: "24h", label: "24 h" },
  { range: "7d", label: "7 days" },
  { range: "30d", label: "30 days" },
];

/** Links (not client state) so each range is a shareable URL rendered on the server. */
export function RangeTabs({ current, href }: { current: ChartRange; href: (range: ChartRange) => string }) {
  return (
    <nav aria-label="Chart period" className="inline-flex rounded-md border border-slate-300 bg-white text-sm">
      {RANGES.map(({ range, label }) => (
        <Link
          key={range}
          href={href(range)}
          aria-current={range === current ? "page" : undefined}
          className={`px-3 py-1 first:rounded-l-md last:rounded-r-md ${range === current ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-50"}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
