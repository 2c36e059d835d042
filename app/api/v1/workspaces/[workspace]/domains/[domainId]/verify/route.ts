import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { verifyDomainOp } from "@/lib/api/operations/domains";
import { verifyDomain } from "@/lib/domains/verify-domain";

export const dynamic = "force-dynamic";

export const POST = apiRoute(verifyDomainOp, async ({ params }, { caller, actor, db, env }) => {
  const { status, outcome, dkim } = await verifyDomain({ db, env, workspaceId: caller.workspace.id, domainId: params.domainId, actor });
  return { status, verified: outcome.ok, message: outcome.ok ? "Ownership verified." : outcome.message, dkim: dkim?.message ?? null };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("POST");
