"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { replayWebhookDelivery } from "@/lib/webhooks/replay-delivery";

const ZReplayWebhookDeliveryInput = z.object({ workspace: ZWorkspaceSlug, deliveryId: z.string().min(1).max(64) });

const action = workspaceAction("webhooks:manage", ZReplayWebhookDeliveryInput, async ({ deliveryId }, context) => {
  const outcome = await replayWebhookDelivery({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, deliveryId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/webhooks`);
  return { delivered: outcome.ok, statusCode: outcome.statusCode, error: outcome.error };
});

export async function replayWebhookDeliveryAction(input: z.input<typeof ZReplayWebhookDeliveryInput>) {
  return action(input);
}
