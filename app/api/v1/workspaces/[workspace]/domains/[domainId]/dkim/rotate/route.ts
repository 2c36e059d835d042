import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { startDkimRotationOp } from "@/lib/api/operations/domains";
import { startDkimRotation } from "@/lib/domains/rotate-dkim-key";

export const dynamic = "force-dynamic";

export const POST = apiRoute(startDkimRotationOp, ({ params }, { caller, actor, db, env }) => startDkimRotation({ db, env, workspaceId: caller.workspace.id, domainId: params.domainId, actor }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
