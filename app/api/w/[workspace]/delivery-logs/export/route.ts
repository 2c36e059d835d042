import { workspaceRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { deliveryLogCsv } from "@/lib/delivery-logs/export-csv";
import { csvResponse } from "@/lib/delivery-logs/export-response";
import { parseDeliveryLogQuery } from "@/lib/delivery-logs/filters";

export const dynamic = "force-dynamic";

export const GET = workspaceRoute("logs:view", (request, { workspace }) =>
  csvResponse(deliveryLogCsv(getDb(), workspace.id, parseDeliveryLogQuery(new URL(request.url).searchParams)), `delivery-log-${workspace.slug}`),
);
