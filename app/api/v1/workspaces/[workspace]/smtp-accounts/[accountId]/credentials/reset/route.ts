import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { resetPasswordOp } from "@/lib/api/operations/credentials";
import { resetPassword } from "@/lib/smtp-accounts/reset-password";

export const dynamic = "force-dynamic";

export const POST = apiRoute(resetPasswordOp, ({ params }, { caller, actor, db, env }) =>
  resetPassword({ db, env, workspaceId: caller.workspace.id, accountId: params.accountId, actor }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
