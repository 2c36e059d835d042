import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { revealCredentialsOp } from "@/lib/api/operations/credentials";
import { revealCredentials } from "@/lib/smtp-accounts/reveal-credentials";

export const dynamic = "force-dynamic";

export const POST = apiRoute(revealCredentialsOp, ({ params }, { caller, actor, db, env }) =>
  revealCredentials({ db, env, workspaceId: caller.workspace.id, accountId: params.accountId, actor }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
