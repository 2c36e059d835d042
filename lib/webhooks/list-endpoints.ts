// A workspace's webhook endpoints for the portal (never their secrets), with delivery counts.
import type { Db } from "../db";
import { parseEventTypes, type WebhookEventType } from "./events";

export type EndpointSummary = {
  id: string;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  finalStateOnly: boolean;
  enabled: boolean;
  createdAt: Date;
  pending: number;
  failed: number;
};

export async function listWebhookEndpoints({ db, workspaceId }: { db: Db; workspaceId: string }): Promise<EndpointSummary[]> {
  const rows = await db.webhookEndpoint.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, description: true, eventTypes: true, finalStateOnly: true, enabled: true, createdAt: true },
  });
  if (rows.length === 0) return [];
  const counts = await db.webhookDelivery.groupBy({
    by: ["endpointId", "status"],
    where: { workspaceId, endpointId: { in: rows.map((r) => r.id) }, status: { in: ["pending", "failed"] } },
    _count: { _all: true },
  });
  const count = (endpointId: string, status: string) => counts.find((c) => c.endpointId === endpointId && c.status === status)?._count._all ?? 0;
  return rows.map((r) => ({ ...r, eventTypes: parseEventTypes(r.eventTypes), pending: count(r.id, "pending"), failed: count(r.id, "failed") }));
}
