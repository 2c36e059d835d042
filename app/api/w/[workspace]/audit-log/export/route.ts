import { parseAuditQuery } from "@/lib/audit/list-audit";
import { workspaceRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { auditLogCsv } from "@/lib/delivery-logs/export-csv";
import { csvResponse } from "@/lib/delivery-logs/export-response";

export const dynamic = "force-dynamic";

export const GET = workspaceRoute("audit:view", (request, { workspace }) =>
  csvResponse(auditLogCsv(getDb(), workspace.id, parseAuditQuery(new URL(request.url).searchParams)), `audit-log-${workspace.slug}`),
);
