// The suppression list: address, why, since when, and Remove.
import Link from "next/link";
import { formatTime } from "@/components/delivery-logs/format";
import { RowHeader, Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import type { SuppressionRow } from "@/lib/suppressions/list-suppressions";
import { suppressionReasonLabel } from "@/lib/suppressions/reasons";
import { RemoveSuppressionButton } from "./remove-suppression-button";

type Props = { workspace: string; rows: SuppressionRow[]; stepUpBack: string };

export function SuppressionsTable({ workspace, rows, stepUpBack }: Props) {
  return (
    <Table caption="Suppressed addresses">
      <TableHead>
        <Th>Address</Th>
        <Th>Reason</Th>
        <Th>Detail</Th>
        <Th>Since (UTC)</Th>
        <Th srOnly>Actions</Th>
      </TableHead>
      <TableBody>
        {rows.map((s) => (
          <tr key={s.id}>
            <RowHeader className="font-mono text-xs">{s.address}</RowHeader>
            <Td>{suppressionReasonLabel(s.reason)}</Td>
            <Td className="max-w-md text-slate-600">
              <span className="line-clamp-2 break-words">{s.detail ?? "—"}</span>
              {s.messageId && (
                <Link href={`/w/${workspace}/delivery-logs/${s.messageId}`} className="text-xs text-indigo-700 underline">
                  The message that bounced
                </Link>
              )}
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{formatTime(s.createdAt)}</Td>
            <Td className="text-right">
              <RemoveSuppressionButton workspace={workspace} suppressionId={s.id} address={s.address} stepUpBack={stepUpBack} />
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
