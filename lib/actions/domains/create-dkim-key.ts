"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createDkimKey } from "@/lib/domains/create-dkim-key";

const ZCreateDkimKeyInput = z.object({ workspace: ZWorkspaceSlug, domainId: z.string().min(1).max(64) });

const action = workspaceAction("domains:manage", ZCreateDkimKeyInput, async ({ domainId }, context) => {
  const created = await createDkimKey({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, domainId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/domains`);
  return created;
});

export async function createDkimKeyAction(input: z.infer<typeof ZCreateDkimKeyInput>) {
  return action(input);
}
