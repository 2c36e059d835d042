"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { ZEndpointId, ZEndpointUpdate } from "@/lib/webhooks/endpoint-input";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-endpoint";

const ZUpdateWebhookEndpointInput = ZEndpointUpdate.extend({ workspace: ZWorkspaceSlug, endpointId: ZEndpointId });

const action = workspaceAction("webhooks:manage", ZUpdateWebhookEndpointInput, async ({ workspace: _slug, endpointId, ...input }, context) => {
  await updateWebhookEndpoint({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, endpointId, input, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/webhooks`);
  return {};
});

export async function updateWebhookEndpointAction(input: z.input<typeof ZUpdateWebhookEndpointInput>) {
  return action(input);
}
