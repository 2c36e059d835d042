"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { startDkimRotation } from "@/lib/domains/rotate-dkim-key";

const ZStartDkimRotationInput = z.object({ workspace: ZWorkspaceSlug, domainId: z.string().min(1).max(64) });

const action = workspaceAction("domains:manage", ZStartDkimRotationInput, async ({ domainId }, context) => {
  const started = await startDkimRotation({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, domainId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/domains`);
  return started;
});

export async function startDkimRotationAction(input: z.infer<typeof ZStartDkimRotationInput>) {
  return action(input);
}
