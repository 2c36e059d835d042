import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { completeDkimRotationOp } from "@/lib/api/operations/domains";
import { completeDkimRotation } from "@/lib/domains/rotate-dkim-key";

export const dynamic = "force-dynamic";

export const POST = apiRoute(completeDkimRotationOp, async ({ params }, { caller, actor, db, env }) => {
  const { switched, check, retired } = await completeDkimRotation({ db, env, workspaceId: caller.workspace.id, domainId: params.domainId, actor });
  return { switched, message: check.message, retired };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
