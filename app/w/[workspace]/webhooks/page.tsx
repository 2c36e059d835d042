import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EditEndpoint } from "@/components/webhooks/edit-endpoint";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { listWebhookDeliveries } from "@/lib/webhooks/list-deliveries";
import { listWebhookEndpoints } from "@/lib/webhooks/list-endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<{ endpoint?: string | string[] }> }) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, "webhooks:manage");
  const wanted = (await searchParams).endpoint;
  const endpointId = typeof wanted === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(wanted) ? wanted : null;
  const db = getDb();
  const endpoints = await listWebhookEndpoints({ db, workspaceId: workspace.id });
  const log = endpointId
    ? await listWebhookDeliveries({ db, workspaceId: workspace.id, endpointId }).catch((e: unknown) => {
        if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
        throw e;
      })
    : null;
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">Webhooks</h1>
      <p className="mt-1 text-sm text-slate-600">
        {workspace.name} posts a signed JSON event to each endpoint when a message is accepted, delivered, deferred, bounced, rejected, held or suppressed, when an alert is
        raised, and when credentials are revealed, reset or rotated. Failed posts are retried for 24 hours.
      </p>
      <EndpointForm workspace={workspace.slug} />
      <Table caption="Webhook endpoints" className="mt-6">
        <TableHead>
          <Th>Endpoint</Th>
          <Th>Events</Th>
          <Th>Queue</Th>
          <Th srOnly>Actions</Th>
        </TableHead>
        <TableBody>
          {endpoints.length === 0 && (
            <tr>
              <td colSpan={4} className="px-4 py-3 text-slate-600">
                No endpoints yet. Add the HTTPS URL of a service that should hear about this workspace&apos;s mail above, copy the signing secret shown once, and
                verify each request with a Standard Webhooks library; then press Send test.
              </td>
            </tr>
          )}
          {endpoints.map((e) => (
            <tr key={e.id}>
              <th scope="row" className="px-4 py-3 text-left align-top font-medium">
                <span className="break-all">{e.url}</span>
                {e.description && <span className="block text-xs font-normal text-slate-600">{e.description}</span>}
                <span className="block text-xs font-normal text-slate-600">
                  {e.enabled ? "Enabled" : "Disabled"}
                  {e.finalStateOnly ? " · final state only" : ""}
                </span>
                <Link href={`/w/${workspace.slug}/webhooks?endpoint=${e.id}`} className="text-xs font-normal text-indigo-700 underline" aria-label={`Delivery log of ${e.url}`}>
                  Delivery log
                </Link>
                <EditEndpoint workspace={workspace.slug} endpoint={{ id: e.id, url: e.url, description: e.description, eventTypes: e.eventTypes, finalStateOnly: e.finalStateOnly }} />
              </th>
              <td className="px-4 py-3 align-top font-mono text-xs">{e.eventTypes.join(" ")}</td>
              <td className="px-4 py-3 align-top text-slate-600">
                {e.pending} pending
                {e.failed > 0 && <span className="block text-red-700">{e.failed} failed</span>}
              </td>
              <td className="px-4 py-3 align-top">
                <EndpointActions workspace={workspace.slug} endpointId={e.id} url={e.url} enabled={e.enabled} />
              </td>
            </tr>
          ))}
        </TableBody>
      </Table>
      {log && <DeliveryLog workspace={workspace.slug} url={log.endpoint.url} deliveries={log.deliveries} />}
    </div>
  );
}
