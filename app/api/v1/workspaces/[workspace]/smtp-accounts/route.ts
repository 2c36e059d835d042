import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { createAccountOp, listAccountsOp } from "@/lib/api/operations/accounts";
import { createAccount } from "@/lib/smtp-accounts/create-account";
import { listAccounts } from "@/lib/smtp-accounts/list-accounts";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listAccountsOp, async ({ query }, { caller, db }) => {
  const { accounts, total, totalCapped, nextCursor } = await listAccounts(db, { workspaceId: caller.workspace.id, query });
  return { accounts, total, totalCapped, nextCursor };
});

export const POST = apiRoute(createAccountOp, async ({ body }, { caller, actor, db, env }) => ({
  credentials: await createAccount({ db, env, workspaceId: caller.workspace.id, label: body.label, from: body.from, actor }),
}));

export const { PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET", "POST");
