import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { deleteAccountOp, getAccountOp } from "@/lib/api/operations/accounts";
import { getAccountSummary } from "@/lib/delivery-logs/account-options";
import { deleteAccount } from "@/lib/smtp-accounts/delete-account";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getAccountOp, ({ params }, { caller, db }) => getAccountSummary(db, caller.workspace.id, params.accountId));

export const DELETE = apiRoute(deleteAccountOp, async ({ params, query }, { caller, actor, db }) => {
  await deleteAccount({ db, workspaceId: caller.workspace.id, accountId: params.accountId, confirmUsername: query.confirmUsername, actor });
  return { deleted: true };
});

export const { POST, PUT, PATCH, OPTIONS } = methodsNotTaken("GET", "DELETE");
