"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { setAccountStatus } from "@/lib/smtp-accounts/set-account-status";

const ZSetAccountStatusInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), status: z.enum(["active", "disabled"]) });

const action = workspaceAction("accounts:manage", ZSetAccountStatusInput, async ({ accountId, status }, context) => {
  await setAccountStatus({ db: getDb(), workspaceId: context.workspace.id, accountId, status, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/smtp-accounts`);
  return {};
});

export async function setAccountStatusAction(input: z.infer<typeof ZSetAccountStatusInput>) {
  return action(input);
}
