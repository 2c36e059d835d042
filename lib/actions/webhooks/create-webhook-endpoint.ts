"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { ZEndpointInput } from "@/lib/webhooks/endpoint-input";

const ZCreateWebhookEndpointInput = ZEndpointInput.extend({ workspace: ZWorkspaceSlug });

const action = workspaceAction(
  "webhooks:manage",
  ZCreateWebhookEndpointInput,
  async ({ url, description, eventTypes, finalStateOnly }, context) => {
    const created = await createWebhookEndpoint({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, input: { url, description, eventTypes, finalStateOnly }, actor: await actorOf(context) });
    revalidatePath(`/w/${context.workspace.slug}/webhooks`);
    return { created };
  },
  { secret: "createWebhookEndpointAction" },
);

export async function createWebhookEndpointAction(input: z.input<typeof ZCreateWebhookEndpointInput>) {
  return action(input);
}
