"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { closeIncident } from "@/lib/incidents/close-incident";
import { deleteHeldMessages, releaseHeldMessages } from "@/lib/incidents/hold-messages";

const ZIncidentInput = z.object({ workspace: ZWorkspaceSlug, incidentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
type TIncidentInput = z.infer<typeof ZIncidentInput>;

const close = workspaceAction("incidents:report", ZIncidentInput, async ({ incidentId }, context) => {
  const { closedAt } = await closeIncident({ db: getDb(), workspaceId: context.workspace.id, incidentId, actor: await actorOf(context) });
  return { closedAt: closedAt.toISOString() };
});
const release = workspaceAction("incidents:report", ZIncidentInput, async ({ incidentId }, context) =>
  releaseHeldMessages({ db: getDb(), workspaceId: context.workspace.id, incidentId, actor: await actorOf(context) }),
);
const remove = workspaceAction("incidents:report", ZIncidentInput, async ({ incidentId }, context) =>
  deleteHeldMessages({ db: getDb(), workspaceId: context.workspace.id, incidentId, actor: await actorOf(context) }),
);

export async function closeIncidentAction(input: TIncidentInput) {
  return close(input);
}
export async function releaseHeldAction(input: TIncidentInput) {
  return release(input);
}
export async function deleteHeldAction(input: TIncidentInput) {
  return remove(input);
}
