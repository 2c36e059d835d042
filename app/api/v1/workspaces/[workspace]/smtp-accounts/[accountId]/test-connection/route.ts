import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { testConnectionOp } from "@/lib/api/operations/credentials";
import { testConnection } from "@/lib/smtp-accounts/test-connection";

export const dynamic = "force-dynamic";

export const POST = apiRoute(testConnectionOp, ({ params, body }, { caller, actor, db, env }) =>
  testConnection({ db, env, workspaceId: caller.workspace.id, accountId: params.accountId, port: body.port, actor, actorName: actor.email }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
