import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { endGraceOp } from "@/lib/api/operations/credentials";
import { endGrace } from "@/lib/smtp-accounts/end-grace";

export const dynamic = "force-dynamic";

export const POST = apiRoute(endGraceOp, ({ params }, { caller, actor, db, env }) =>
  endGrace({ db, env, workspaceId: caller.workspace.id, accountId: params.accountId, actor }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
