import { Table, TableBody, TableHead, Th } from "@/components/ui/table";

type Props = {
  title: string;
  /** One or two sentences a screen reader hears instead of the picture. */
  summary: string;
  columns: string[];
  /** Each row: its label (a time, an account), then its counts. */
  rows: [string, ...number[]][];
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
        <Table caption={`${title}: data`} className="chart-data mt-2 max-h-72 overflow-y-auto">
          <TableHead>
            {columns.map((c) => (
              <Th key={c}>{c}</Th>
            ))}
          </TableHead>
          <TableBody>
            {/* The label heads its row; the counts are styled by the table (chart-data in globals.css), not per cell: a week of hours is ~1,300 cells. */}
            {rows.map(([label, ...counts], i) => (
              <tr key={i}>
                <th scope="row">{label}</th>
                {counts.map((count, j) => (
                  <td key={j}>{count}</td>
                ))}
              </tr>
            ))}
          </TableBody>
        </Table>
      </details>
    </figure>
  );
}
