import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { listMessagesOp } from "@/lib/api/operations/logs";
import { listMessages } from "@/lib/delivery-logs/list-messages";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listMessagesOp, async ({ query }, { caller, db }) => {
  const { rows, nextCursor } = await listMessages({ db, workspaceId: caller.workspace.id, query });
  return { messages: rows, nextCursor };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET");
