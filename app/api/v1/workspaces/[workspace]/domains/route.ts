import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { addDomainOp, listDomainsOp } from "@/lib/api/operations/domains";
import { addDomain } from "@/lib/domains/add-domain";
import { listDomains } from "@/lib/domains/list-domains";

export const dynamic = "force-dynamic";

export const GET = apiRoute(listDomainsOp, async (_input, { caller, db, env }) => ({
  domains: await listDomains(db, { workspaceId: caller.workspace.id, spfHost: env.SMTP_PUBLIC_HOST, maxQueueAgeSeconds: env.RELAY_MAX_QUEUE_AGE }),
}));

export const POST = apiRoute(addDomainOp, ({ body }, { caller, actor, db, env }) => addDomain({ db, env, workspaceId: caller.workspace.id, name: body.name, actor }));

export const { PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET", "POST");
