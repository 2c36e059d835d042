"use client";
// A client component so that its RSC payload is the rows' data, not their rendered markup a
// second time beside the HTML (see smtp-accounts/accounts-table-view.tsx); it has no state.
import Link from "next/link";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import type { MessageRow } from "@/lib/delivery-logs/list-messages";
import { formatBytes, formatTime, STATUS_STYLE } from "./format";

type Props = { workspace: string; rows: MessageRow[]; flags?: Map<string, string[]> };

export function MessagesTable({ workspace, rows, flags }: Props) {
  return (
    <Table caption="Messages, newest first">
      <TableHead>
            <Th>Time</Th>
            <Th>Account</Th>
            <Th>Client IP</Th>
            <Th>Envelope from</Th>
            <Th>Recipients</Th>
            <Th>Subject</Th>
            <Th className="text-right">Size</Th>
            <Th>Status</Th>
            <Th>Last reply</Th>
            {flags && <Th>Flags</Th>}
          </TableHead>
        <TableBody>
          {rows.map((m) => {
            const f = flags?.get(m.id) ?? [];
            return (
              <tr key={m.id} className={f.length ? "bg-red-50/40" : undefined}>
                <td className="whitespace-nowrap">
                  <Link href={`/w/${workspace}/delivery-logs/${m.id}`} className="text-indigo-700 hover:underline">
                    <time dateTime={m.createdAt.toISOString()}>{formatTime(m.createdAt)}</time>
                  </Link>
                </td>
                <td>{m.account?.label ?? <span className="text-slate-500">deleted account</span>}</td>
                <td className="font-mono text-xs">{m.clientIp}</td>
                <td className="max-w-[14rem] truncate" title={m.envelopeFrom}>
                  {m.envelopeFrom || "<>"}
                </td>
                <td className="max-w-[14rem] truncate" title={m.firstRecipient}>
                  {m.firstRecipient}
                  {m.recipientCount > 1 && <span className="ml-1 text-xs text-slate-500">+{m.recipientCount - 1} more</span>}
                </td>
                <td className="max-w-[16rem] truncate" title={m.subject ?? ""}>
                  {m.subject ?? <span className="text-slate-500">(no subject)</span>}
                </td>
                <td className="whitespace-nowrap text-right">{formatBytes(m.sizeBytes)}</td>
                <td>
                  <span className={`pill ${STATUS_STYLE[m.status] ?? "bg-slate-100"}`}>{m.status}</span>
                </td>
                <td className="max-w-[18rem] truncate text-xs text-slate-600" title={m.lastReply ?? ""}>
                  {m.lastReply ?? ""}
                </td>
                {flags && (
                  <td className="text-xs">
                    {f.map((x) => (
                      <span key={x} className="mr-1 inline-block rounded bg-red-100 px-1.5 py-0.5 font-medium text-red-800">
                        {x}
                      </span>
                    ))}
                  </td>
                )}
              </tr>
            );
          })}
        </TableBody>
      </Table>
  );
}
