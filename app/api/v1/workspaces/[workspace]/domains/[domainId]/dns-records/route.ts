import { methodsNotTaken } from "@/lib/api/methods-not-taken";
import { apiRoute } from "@/lib/api/handler";
import { domainRecordsOp } from "@/lib/api/operations/domains";
import { domainDnsRecords } from "@/lib/domains/list-domains";

export const dynamic = "force-dynamic";

export const GET = apiRoute(domainRecordsOp, ({ params }, { caller, db, env }) =>
  domainDnsRecords(db, { workspaceId: caller.workspace.id, domainId: params.domainId, spfHost: env.SMTP_PUBLIC_HOST, maxQueueAgeSeconds: env.RELAY_MAX_QUEUE_AGE }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET");
