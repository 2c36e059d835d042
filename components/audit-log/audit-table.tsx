import { formatTime } from "@/components/delivery-logs/format";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/list-audit";
import { auditActionLabel } from "@/lib/audit/actions";
import { initialsOf } from "@/lib/time/relative-time";

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <Table caption="Audit events, newest first">
      <TableHead>
            <Th>Time</Th>
            <Th>Actor</Th>
            <Th>Action</Th>
            <Th>Target</Th>
            <Th>IP</Th>
            <Th>User agent</Th>
          </TableHead>
        <TableBody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap px-3 py-2">
                <time dateTime={e.createdAt.toISOString()}>{formatTime(e.createdAt)}</time>
              </td>
              <td className="px-3 py-2">
                {e.actorEmail ? (
                  <span className="flex items-center gap-2">
                    <span aria-hidden="true" className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-[10px] font-semibold text-indigo-800">
                      {initialsOf(null, e.actorEmail)}
                    </span>
                    {e.actorEmail}
                  </span>
                ) : (
                  <span className="text-slate-500">system</span>
                )}
              </td>
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
        </TableBody>
      </Table>
  );
}
