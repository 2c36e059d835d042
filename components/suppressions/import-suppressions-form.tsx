"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { importSuppressionsAction } from "@/lib/actions/suppressions/import-suppressions";
import type { ImportReport } from "@/lib/suppressions/import-csv";

type Props = { workspace: string; maxBytes: number; maxLines: number };

export function ImportSuppressionsForm({ workspace, maxBytes, maxLines }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);

  async function submit(form: FormData) {
    setError(null);
    setReport(null);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setError("Choose a CSV file first.");
    if (file.size > maxBytes) return setError(`The file is larger than ${maxBytes / 1024} KB; split it into smaller files.`);
    setPending(true);
    const result = await importSuppressionsAction({ workspace, fileName: file.name, csv: await file.text() });
    setPending(false);
    if (!result.ok) return setError(result.message.replace(/^csv: /, ""));
    setReport(result.report);
    router.refresh();
  }

  return (
    <div>
      <form action={submit} aria-label="Import a CSV file" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="suppression-import" className="block text-sm font-medium">
            CSV file
          </label>
          <input
            id="suppression-import"
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain"
            required
            aria-describedby="suppression-import-help"
            className="mt-1 block text-sm file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2 file:py-1"
          />
        </div>
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
          {pending ? "Importing…" : "Import"}
        </button>
        <p id="suppression-import-help" className="w-full text-xs text-slate-600">
          One address per line in the first column, an optional note in the second; a header row is skipped. At most {maxLines.toLocaleString("en")} lines and{" "}
          {maxBytes / 1024} KB. An export of this list imports as it is.
        </p>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {report && (
        <div role="status" className="mt-3 space-y-2 text-sm">
          <p>
            {report.added} added, {report.duplicates} already on the list, {report.rejectedCount} rejected.
          </p>
          {report.rejected.length > 0 && (
            <Table caption="Rejected lines">
              <TableHead>
                <Th>Line</Th>
                <Th>Text</Th>
                <Th>Why</Th>
              </TableHead>
              <TableBody>
                {report.rejected.map((r) => (
                  <tr key={r.line}>
                    <td className="px-3 py-2 tabular-nums">{r.line}</td>
                    <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={r.text}>
                      {r.text}
                    </td>
                    <td className="px-3 py-2">{r.reason}</td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          )}
          {report.rejectedCount > report.rejected.length && <p className="text-slate-600">Only the first {report.rejected.length} rejected lines are listed.</p>}
        </div>
      )}
    </div>
  );
}
