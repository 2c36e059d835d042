import { ChartDataTable, type ChartDataRow } from "./chart-data-table";

type Props = {
  title: string;
  /** One or two sentences a screen reader hears instead of the picture. */
  summary: string;
  columns: string[];
  /** Each row: its label (a time, an account), then its counts. */
  rows: ChartDataRow[];
  children: React.ReactNode;
  actions?: React.ReactNode;
  /** False when the picture is itself readable text (a labelled bar list), so assistive tech may read it. */
  pictureOnly?: boolean;
};

/** A chart as a figure: the title and a text summary as its caption, the numbers in a table behind "Show data". */
export function ChartFigure({ title, summary, columns, rows, children, actions, pictureOnly = true }: Props) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <span className="font-semibold">{title}</span>
          {actions}
        </div>
        <span className="mt-1 block text-sm text-slate-600" data-dynamic="summary">
          {summary}
        </span>
      </figcaption>
      <div className="mt-3" aria-hidden={pictureOnly || undefined}>
        {children}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-indigo-700">Show data</summary>
        <ChartDataTable caption={`${title}: data`} columns={columns} rows={rows} />
      </details>
    </figure>
  );
}
