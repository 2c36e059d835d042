"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { ZRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { changeMemberRole } from "@/lib/members/change-member-role";

const ZChangeRoleInput = z.object({ workspace: ZWorkspaceSlug, membershipId: z.string().min(1).max(64), role: ZRole });

const action = workspaceAction("members:manage", ZChangeRoleInput, async ({ membershipId, role }, context) => {
  await changeMemberRole({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, membershipId, role, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/members`);
  return {};
});

export async function changeRoleAction(input: z.infer<typeof ZChangeRoleInput>) {
  return action(input);
}
