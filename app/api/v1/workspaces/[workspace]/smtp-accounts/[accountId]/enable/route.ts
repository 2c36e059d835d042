import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { enableAccountOp } from "@/lib/api/operations/accounts";
import { setAccountStatus } from "@/lib/smtp-accounts/set-account-status";

export const dynamic = "force-dynamic";

export const POST = apiRoute(enableAccountOp, async ({ params }, { caller, actor, db }) => {
  await setAccountStatus({ db, workspaceId: caller.workspace.id, accountId: params.accountId, status: "active", actor });
  return { id: params.accountId, status: "active" as const };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
