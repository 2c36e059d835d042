import Link from "next/link";
import { scaleLinear } from "d3-scale";
import { ChartFigure } from "./chart-figure";

type Item = { label: string; count: number; href?: string };

const W = 240;

/** Horizontal bars with their labels and counts as text (top accounts). */
export function BarList({ title, summary, items, countLabel }: { title: string; summary: string; items: Item[]; countLabel: string }) {
  const x = scaleLinear().domain([0, Math.max(1, ...items.map((i) => i.count))]).range([0, W]);
  return (
    <ChartFigure title={title} summary={summary} columns={["Account", countLabel]} rows={items.map((i) => [i.label, i.count])} pictureOnly={false}>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing sent in this period.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {items.map((i) => (
            <li key={i.label}>
              <div className="flex justify-between gap-2">
                {i.href ? (
                  <Link href={i.href} className="truncate hover:underline">
                    {i.label}
                  </Link>
                ) : (
                  <span className="truncate">{i.label}</span>
                )}
                <span className="tabular-nums text-slate-600" data-dynamic="count">
                  {i.count}
                </span>
              </div>
              <svg viewBox={`0 0 ${W} 6`} preserveAspectRatio="none" className="h-1.5 w-full" aria-hidden="true">
                <rect x={0} y={0} width={W} height={6} rx={3} className="fill-slate-100" />
                <rect x={0} y={0} width={x(i.count)} height={6} rx={3} className="fill-indigo-500" />
              </svg>
            </li>
          ))}
        </ul>
      )}
    </ChartFigure>
  );
}
