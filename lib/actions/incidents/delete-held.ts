"use server";

import { workspaceAction } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { deleteHeldMessages } from "@/lib/incidents/delete-held-messages";
import { type TIncidentInput, ZIncidentInput } from "@/lib/incidents/incident-input";

const action = workspaceAction("incidents:report", ZIncidentInput, async ({ incidentId }, context) =>
  deleteHeldMessages({ db: getDb(), workspaceId: context.workspace.id, incidentId, actor: await actorOf(context) }),
);

export async function deleteHeldAction(input: TIncidentInput) {
  return action(input);
}
