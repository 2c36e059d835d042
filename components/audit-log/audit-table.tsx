import { formatTime } from "@/components/delivery-logs/format";
import type { AuditRow } from "@/lib/audit/list-audit";
import { auditActionLabel } from "@/lib/audit/actions";

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Time</th>
            <th scope="col" className="px-3 py-2">Actor</th>
            <th scope="col" className="px-3 py-2">Action</th>
            <th scope="col" className="px-3 py-2">Target</th>
            <th scope="col" className="px-3 py-2">IP</th>
            <th scope="col" className="px-3 py-2">User agent</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap px-3 py-2">
                <time dateTime={e.createdAt.toISOString()}>{formatTime(e.createdAt)}</time>
              </td>
              <td className="px-3 py-2">{e.actorEmail ?? <span className="text-slate-400">system</span>}</td>
              <td className="px-3 py-2">
                {auditActionLabel(e.action)} <span className="font-mono text-xs text-slate-500">{e.action}</span>
              </td>
              <td className="px-3 py-2">
                {e.targetLabel ?? e.targetId ?? ""}
                {e.targetType && <span className="ml-1 text-xs text-slate-500">({e.targetType})</span>}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{e.ip ?? ""}</td>
              <td className="max-w-[16rem] truncate px-3 py-2 text-xs text-slate-600" title={e.userAgent ?? ""}>
                {e.userAgent ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
