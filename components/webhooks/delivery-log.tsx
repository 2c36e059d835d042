import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import type { DeliveryRow } from "@/lib/webhooks/list-deliveries";
import { ReplayButton } from "./replay-button";

const STATUS: Record<string, { label: string; className: string }> = {
  delivered: { label: "Delivered", className: "text-green-800" },
  pending: { label: "Pending", className: "text-amber-800" },
  failed: { label: "Failed", className: "text-red-700" },
};

/** One endpoint's deliveries, newest first, each with a Replay button. */
export function DeliveryLog({ workspace, url, deliveries }: { workspace: string; url: string; deliveries: DeliveryRow[] }) {
  const now = new Date();
  return (
    <section aria-labelledby="delivery-log-title" className="mt-8">
      <h2 id="delivery-log-title" className="text-lg font-semibold">
        Delivery log of <span className="break-all">{url}</span>
      </h2>
      <Table caption={`Deliveries to ${url}`} className="mt-3">
        <TableHead>
          <Th>Time</Th>
          <Th>Event</Th>
          <Th>Status</Th>
          <Th>Last response</Th>
          <Th>Attempts</Th>
          <Th srOnly>Replay</Th>
        </TableHead>
        <TableBody>
          {deliveries.length === 0 && (
            <tr>
              <td colSpan={6} className="px-4 py-3 text-slate-600">
                No events sent yet. Events appear here within seconds of the mail, alert or credential change they describe; press Send test to try the endpoint now.
              </td>
            </tr>
          )}
          {deliveries.map((d) => {
            const status = STATUS[d.status] ?? { label: d.status, className: "" };
            return (
              <tr key={d.id}>
                <td className="px-4 py-3 align-top text-slate-600">
                  <LocalTime iso={d.createdAt.toISOString()} />
                </td>
                <th scope="row" className="px-4 py-3 text-left align-top font-normal">
                  <span className="font-mono text-xs">{d.eventType}</span>
                  <span className="block break-all font-mono text-xs text-slate-600">{d.eventId}</span>
                </th>
                <td className={`px-4 py-3 align-top font-medium ${status.className}`}>
                  {status.label}
                  {d.status === "pending" && d.nextAttemptAt && (
                    <span className="block text-xs font-normal text-slate-600">
                      next try <LocalTime iso={d.nextAttemptAt.toISOString()} relative now={now} />
                    </span>
                  )}
                </td>
                <td className="px-4 py-3 align-top text-slate-600">
                  {d.lastStatus !== null ? `HTTP ${d.lastStatus}` : d.attemptCount > 0 ? "No answer" : "—"}
                  {d.lastError && d.lastStatus === null && <span className="block text-xs">{d.lastError}</span>}
                </td>
                <td className="px-4 py-3 align-top text-slate-600">{d.attemptCount}</td>
                <td className="px-4 py-3 text-right align-top">
                  <ReplayButton workspace={workspace} deliveryId={d.id} eventId={d.eventId} />
                </td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}
