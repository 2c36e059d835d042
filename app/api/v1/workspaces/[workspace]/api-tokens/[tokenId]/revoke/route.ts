import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { revokeApiTokenOp } from "@/lib/api/operations/tokens";
import { revokeApiToken } from "@/lib/api-tokens/revoke-token";

export const dynamic = "force-dynamic";

export const POST = apiRoute(revokeApiTokenOp, async ({ params }, { caller, actor, db }) => {
  await revokeApiToken({ db, workspaceId: caller.workspace.id, tokenId: params.tokenId, actor });
  return { id: params.tokenId, revoked: true as const };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
