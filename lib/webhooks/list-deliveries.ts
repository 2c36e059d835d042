// An endpoint's delivery log, newest first: each event with its state, last response and tries.
import type { Db } from "../db";
import { AppError } from "../errors/app-error";

export type DeliveryRow = {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attemptCount: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
};

export const DELIVERY_PAGE = 50;

export async function listWebhookDeliveries({ db, workspaceId, endpointId, take = DELIVERY_PAGE }: { db: Db; workspaceId: string; endpointId: string; take?: number }) {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, workspaceId }, select: { id: true, url: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", "This webhook endpoint does not exist in this workspace.");
  const deliveries: DeliveryRow[] = await db.webhookDelivery.findMany({
    where: { endpointId, workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, eventId: true, eventType: true, status: true, attemptCount: true, lastStatus: true, lastError: true, nextAttemptAt: true, createdAt: true, deliveredAt: true },
  });
  return { endpoint, deliveries };
}
