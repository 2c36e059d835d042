"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { ZEndpointId } from "@/lib/webhooks/endpoint-input";
import { rotateEndpointSecret } from "@/lib/webhooks/rotate-endpoint-secret";

const ZRotateWebhookSecretInput = z.object({ workspace: ZWorkspaceSlug, endpointId: ZEndpointId });

const action = workspaceAction(
  "webhooks:manage",
  ZRotateWebhookSecretInput,
  async ({ endpointId }, context) => rotateEndpointSecret({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, endpointId, actor: await actorOf(context) }),
  { secret: "rotateWebhookSecretAction" },
);

export async function rotateWebhookSecretAction(input: z.input<typeof ZRotateWebhookSecretInput>) {
  return action(input);
}
