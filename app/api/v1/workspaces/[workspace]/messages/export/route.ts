import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { exportMessagesOp } from "@/lib/api/operations/logs";
import { deliveryLogCsv } from "@/lib/delivery-logs/export-csv";
import { csvResponse } from "@/lib/delivery-logs/export-response";

export const dynamic = "force-dynamic";

export const GET = apiRoute(exportMessagesOp, async ({ query }, { caller, db }) =>
  csvResponse(deliveryLogCsv(db, caller.workspace.id, query), `delivery-log-${caller.workspace.slug}`),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET");
