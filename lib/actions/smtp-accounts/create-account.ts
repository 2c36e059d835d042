"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createAccount, ZAccountLabel, ZFromInput } from "@/lib/smtp-accounts/create-account";
import { revalidatePath } from "next/cache";

const ZCreateAccountInput = z.object({ workspace: ZWorkspaceSlug, label: ZAccountLabel, from: ZFromInput });

const action = workspaceAction("accounts:manage", ZCreateAccountInput, async ({ label, from }, context) => {
  const credentials = await createAccount({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, label, from, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/smtp-accounts`);
  return { credentials };
}, { secret: "createAccountAction" });

export async function createAccountAction(input: z.infer<typeof ZCreateAccountInput>) {
  return action(input);
}
