import { workspaceRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { csvResponse } from "@/lib/delivery-logs/export-response";
import { suppressionsCsv } from "@/lib/suppressions/export-csv";
import { parseSuppressionQuery } from "@/lib/suppressions/list-suppressions";

export const dynamic = "force-dynamic";

export const GET = workspaceRoute("suppressions:manage", (request, { workspace }) =>
  csvResponse(suppressionsCsv(getDb(), workspace.id, parseSuppressionQuery(new URL(request.url).searchParams).q), `suppressions-${workspace.slug}`),
);
