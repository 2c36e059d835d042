import { loadWorkspaceContext } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { deliveryLogCsv } from "@/lib/delivery-logs/export-csv";
import { contextFailure, csvResponse } from "@/lib/delivery-logs/export-response";
import { parseDeliveryLogQuery } from "@/lib/delivery-logs/filters";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const loaded = await loadWorkspaceContext(slug, "logs:view");
  if (!loaded.ok) return contextFailure(loaded);
  const query = parseDeliveryLogQuery(new URL(request.url).searchParams);
  return csvResponse(deliveryLogCsv(getDb(), loaded.context.workspace.id, query), `delivery-log-${loaded.context.workspace.slug}`);
}
