"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZAllowedSendersText, updateAllowedSenders } from "@/lib/access-policy/update-allowed-senders";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";

const ZInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), allowedSenders: ZAllowedSendersText });

const action = workspaceAction("policies:manage", ZInput, async ({ accountId, allowedSenders }, context) => {
  const saved = await updateAllowedSenders({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, accountId, actor: await actorOf(context), text: allowedSenders });
  revalidatePath(`/w/${context.workspace.slug}/smtp-accounts/${accountId}`);
  return saved;
});

export async function updateAllowedSendersAction(input: z.infer<typeof ZInput>) {
  return action(input);
}
