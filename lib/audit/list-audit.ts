// The audit log of one workspace, newest first: filters by actor (email), action, account
// (target id) and time, keyset pages over (createdAt, id).
import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { ZAuditAction } from "./actions";
import { afterCursor, type Cursor, decodeCursor, encodeCursor, firstValues, opt, TIME_WINDOW_PARAMS, timeWindow } from "../delivery-logs/filters";

export const ZAuditQuery = z.object({
  actor: opt(z.string().trim().min(1).max(320)),
  action: opt(ZAuditAction),
  account: opt(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)),
  ...TIME_WINDOW_PARAMS,
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export function parseAuditQuery(raw: Record<string, string | string[] | undefined> | URLSearchParams): TAuditQuery {
  return ZAuditQuery.parse(firstValues(raw));
}

export function auditWhere(workspaceId: string, query: Partial<TAuditQuery>): Prisma.AuditEventWhereInput {
  const { from, to } = timeWindow(query);
  return {
    workspaceId,
    ...(query.actor ? { actorEmail: query.actor.toLowerCase() } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.account ? { targetId: query.account } : {}),
    ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
  };
}

export const AUDIT_ROW_SELECT = {
  id: true,
  createdAt: true,
  actorEmail: true,
  action: true,
  targetType: true,
  targetId: true,
  targetLabel: true,
  ip: true,
  userAgent: true,
  metadata: true,
} as const satisfies Prisma.AuditEventSelect;

export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_ROW_SELECT }>;

export async function listAuditEventsAfter(db: Db, workspaceId: string, query: Partial<TAuditQuery>, cursor: Cursor | undefined, take: number) {
  const rows = await db.auditEvent.findMany({
    where: { AND: [auditWhere(workspaceId, query), afterCursor(cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: AUDIT_ROW_SELECT,
  });
  const more = rows.length > take;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor(last) : null };
}

export async function listAuditEvents({ db, workspaceId, query, limit = 50 }: { db: Db; workspaceId: string; query: TAuditQuery; limit?: number }) {
  return listAuditEventsAfter(db, workspaceId, query, decodeCursor(query.cursor), Math.min(Math.max(1, limit), 500));
}
