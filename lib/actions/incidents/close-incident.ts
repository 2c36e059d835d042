"use server";

import { workspaceAction } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { closeIncident } from "@/lib/incidents/close-incident";
import { type TIncidentInput, ZIncidentInput } from "@/lib/incidents/incident-input";

const action = workspaceAction("incidents:report", ZIncidentInput, async ({ incidentId }, context) => {
  const { closedAt } = await closeIncident({ db: getDb(), workspaceId: context.workspace.id, incidentId, actor: await actorOf(context) });
  return { closedAt: closedAt.toISOString() };
});

export async function closeIncidentAction(input: TIncidentInput) {
  return action(input);
}
