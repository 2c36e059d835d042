import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { disableAccountOp } from "@/lib/api/operations/accounts";
import { setAccountStatus } from "@/lib/smtp-accounts/set-account-status";

export const dynamic = "force-dynamic";

export const POST = apiRoute(disableAccountOp, async ({ params }, { caller, actor, db }) => {
  await setAccountStatus({ db, workspaceId: caller.workspace.id, accountId: params.accountId, status: "disabled", actor });
  return { id: params.accountId, status: "disabled" as const };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
