import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { listAuditEventsOp } from "@/lib/api/operations/logs";
import { listAuditEvents } from "@/lib/audit/list-audit";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listAuditEventsOp, async ({ query }, { caller, db }) => {
  const { rows, nextCursor } = await listAuditEvents({ db, workspaceId: caller.workspace.id, query });
  return { events: rows, nextCursor };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET");
