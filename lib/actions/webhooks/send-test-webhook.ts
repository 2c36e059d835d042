"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { ZEndpointId } from "@/lib/webhooks/endpoint-input";
import { sendTestWebhook } from "@/lib/webhooks/send-test-event";

const ZSendTestWebhookInput = z.object({ workspace: ZWorkspaceSlug, endpointId: ZEndpointId });

const action = workspaceAction("webhooks:manage", ZSendTestWebhookInput, async ({ endpointId }, context) => {
  const outcome = await sendTestWebhook({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, endpointId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/webhooks`);
  return { delivered: outcome.ok, statusCode: outcome.statusCode, error: outcome.error, eventId: outcome.eventId };
});

export async function sendTestWebhookAction(input: z.input<typeof ZSendTestWebhookInput>) {
  return action(input);
}
