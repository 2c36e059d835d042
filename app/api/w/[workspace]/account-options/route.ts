// Options for the logs' account filter (components/filters/account-combobox.tsx), searched by label.
import { workspaceRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { searchAccountOptions } from "@/lib/delivery-logs/account-options";

export const dynamic = "force-dynamic";

export const GET = workspaceRoute("logs:view", async (request, { workspace }) => {
  const options = await searchAccountOptions(getDb(), workspace.id, new URL(request.url).searchParams.get("q") ?? undefined);
  return Response.json({ options }, { headers: { "cache-control": "no-store" } });
});
