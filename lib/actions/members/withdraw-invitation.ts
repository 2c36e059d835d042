"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { withdrawInvitation } from "@/lib/members/withdraw-invitation";

const ZWithdrawInvitationInput = z.object({ workspace: ZWorkspaceSlug, invitationId: z.string().min(1).max(64) });

const action = workspaceAction("members:manage", ZWithdrawInvitationInput, async ({ invitationId }, context) => {
  await withdrawInvitation({ db: getDb(), workspaceId: context.workspace.id, invitationId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/members`);
  return {};
});

export async function withdrawInvitationAction(input: z.infer<typeof ZWithdrawInvitationInput>) {
  return action(input);
}
