import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { listLoginEventsOp } from "@/lib/api/operations/logs";
import { listLoginEvents } from "@/lib/delivery-logs/login-events";
import { requireAccount } from "@/lib/tenancy/loaders";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listLoginEventsOp, async ({ params, query }, { caller, db }) => {
  await requireAccount(db, caller.workspace.id, params.accountId, { id: true });
  const { rows, nextCursor } = await listLoginEvents({ db, workspaceId: caller.workspace.id, accountId: params.accountId, query });
  return { events: rows, nextCursor };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET");
