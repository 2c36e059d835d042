"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { ZRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { inviteMember, ZInviteEmail } from "@/lib/members/invite-member";

const ZInviteMemberInput = z.object({ workspace: ZWorkspaceSlug, email: ZInviteEmail, role: ZRole });

const action = workspaceAction("members:manage", ZInviteMemberInput, async ({ email, role }, context) => {
  await inviteMember({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, email, role, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/members`);
  return {};
});

export async function inviteMemberAction(input: z.infer<typeof ZInviteMemberInput>) {
  return action(input);
}
