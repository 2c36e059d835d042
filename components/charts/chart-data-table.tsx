"use client";
// The numbers behind a chart ("Show data"). A client component for its payload, not for any
// behaviour: a server component's table is sent twice, as HTML and again as its rendered tree in
// the RSC payload (a week of hours, ~1,300 cells, was ~50 KB of it), while a client component's
// payload is its props, the rows as plain arrays. It still arrives as server-rendered HTML.
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";

export type ChartDataRow = [string, ...number[]];

export function ChartDataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: ChartDataRow[] }) {
  return (
    <Table caption={caption} className="chart-data mt-2 max-h-72 overflow-y-auto">
      <TableHead>
        {columns.map((c) => (
          <Th key={c}>{c}</Th>
        ))}
      </TableHead>
      <TableBody>
        {/* The label heads its row; the counts are styled by the table (chart-data in globals.css), not per cell. */}
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
  );
}
