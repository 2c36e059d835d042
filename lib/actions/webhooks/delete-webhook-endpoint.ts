"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-endpoint";
import { ZEndpointId } from "@/lib/webhooks/endpoint-input";

const ZDeleteWebhookEndpointInput = z.object({ workspace: ZWorkspaceSlug, endpointId: ZEndpointId });

const action = workspaceAction("webhooks:manage", ZDeleteWebhookEndpointInput, async ({ endpointId }, context) => {
  await deleteWebhookEndpoint({ db: getDb(), workspaceId: context.workspace.id, endpointId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/webhooks`);
  return {};
});

export async function deleteWebhookEndpointAction(input: z.input<typeof ZDeleteWebhookEndpointInput>) {
  return action(input);
}
