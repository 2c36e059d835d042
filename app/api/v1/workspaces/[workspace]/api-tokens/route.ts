import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { listApiTokensOp } from "@/lib/api/operations/tokens";
import { listApiTokens } from "@/lib/api-tokens/list-tokens";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listApiTokensOp, async (_input, { caller, db }) => ({ tokens: await listApiTokens(db, caller.workspace.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET");
