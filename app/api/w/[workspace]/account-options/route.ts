// Options for the logs' account filter (components/filters/account-combobox.tsx), searched by label.
import { loadWorkspaceContext } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { searchAccountOptions } from "@/lib/delivery-logs/account-options";
import { contextFailure } from "@/lib/delivery-logs/export-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const loaded = await loadWorkspaceContext(slug, "logs:view");
  if (!loaded.ok) return contextFailure(loaded);
  const options = await searchAccountOptions(getDb(), loaded.context.workspace.id, new URL(request.url).searchParams.get("q") ?? undefined);
  return Response.json({ options }, { headers: { "cache-control": "no-store" } });
}
