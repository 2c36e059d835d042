"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { deleteAccount } from "@/lib/smtp-accounts/delete-account";

const ZDeleteAccountInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), confirmUsername: z.string().max(64) });

const action = workspaceAction("accounts:manage", ZDeleteAccountInput, async ({ accountId, confirmUsername }, context) => {
  await deleteAccount({ db: getDb(), workspaceId: context.workspace.id, accountId, confirmUsername, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/smtp-accounts`);
  return {};
});

export async function deleteAccountAction(input: z.infer<typeof ZDeleteAccountInput>) {
  return action(input);
}
