"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { completeDkimRotation } from "@/lib/domains/rotate-dkim-key";

const ZCompleteDkimRotationInput = z.object({ workspace: ZWorkspaceSlug, domainId: z.string().min(1).max(64) });

const action = workspaceAction("domains:manage", ZCompleteDkimRotationInput, async ({ domainId }, context) => {
  const { switched, check, retired } = await completeDkimRotation({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, domainId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/domains`);
  return { switched, message: check.message, retired };
});

export async function completeDkimRotationAction(input: z.infer<typeof ZCompleteDkimRotationInput>) {
  return action(input);
}
