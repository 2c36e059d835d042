"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { removeSuppression } from "@/lib/suppressions/remove-suppression";

const ZRemoveSuppressionInput = z.object({ workspace: ZWorkspaceSlug, suppressionId: z.string().min(1).max(64) });

const action = workspaceAction("suppressions:manage", ZRemoveSuppressionInput, async ({ suppressionId }, context) => {
  const removed = await removeSuppression({ db: getDb(), workspaceId: context.workspace.id, suppressionId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/suppressions`);
  return removed;
});

export async function removeSuppressionAction(input: z.infer<typeof ZRemoveSuppressionInput>) {
  return action(input);
}
