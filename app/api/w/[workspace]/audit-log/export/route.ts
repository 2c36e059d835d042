import { parseAuditQuery } from "@/lib/audit/list-audit";
import { loadWorkspaceContext } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { auditLogCsv } from "@/lib/delivery-logs/export-csv";
import { contextFailure, csvResponse } from "@/lib/delivery-logs/export-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const loaded = await loadWorkspaceContext(slug, "audit:view");
  if (!loaded.ok) return contextFailure(loaded);
  const query = parseAuditQuery(new URL(request.url).searchParams);
  return csvResponse(auditLogCsv(getDb(), loaded.context.workspace.id, query), `audit-log-${loaded.context.workspace.slug}`);
}
