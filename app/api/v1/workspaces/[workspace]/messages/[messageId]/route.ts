import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { getMessageOp } from "@/lib/api/operations/logs";
import { getMessage } from "@/lib/delivery-logs/get-message";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getMessageOp, ({ params }, { caller, db }) => getMessage({ db, workspaceId: caller.workspace.id, messageId: params.messageId }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET");
