import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { rotatePasswordOp } from "@/lib/api/operations/credentials";
import { rotatePassword } from "@/lib/smtp-accounts/rotate-password";

export const dynamic = "force-dynamic";

export const POST = apiRoute(rotatePasswordOp, ({ params, body }, { caller, actor, db, env }) =>
  rotatePassword({ db, env, workspaceId: caller.workspace.id, accountId: params.accountId, graceSeconds: body.graceSeconds, actor }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
