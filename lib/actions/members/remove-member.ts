"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { removeMember } from "@/lib/members/remove-member";

const ZRemoveMemberInput = z.object({ workspace: ZWorkspaceSlug, membershipId: z.string().min(1).max(64) });

const action = workspaceAction("members:manage", ZRemoveMemberInput, async ({ membershipId }, context) => {
  await removeMember({ db: getDb(), workspaceId: context.workspace.id, membershipId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/members`);
  return {};
});

export async function removeMemberAction(input: z.infer<typeof ZRemoveMemberInput>) {
  return action(input);
}
