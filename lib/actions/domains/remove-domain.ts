"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { removeDomain } from "@/lib/domains/remove-domain";

const ZRemoveDomainInput = z.object({
  workspace: ZWorkspaceSlug,
  domainId: z.string().min(1).max(64),
  confirmAccountIds: z.array(z.string().min(1).max(64)).max(10_000),
});

const action = workspaceAction("domains:manage", ZRemoveDomainInput, async ({ domainId, confirmAccountIds }, context) => {
  const result = await removeDomain({ db: getDb(), workspaceId: context.workspace.id, domainId, confirmAccountIds, actor: await actorOf(context) });
  if (result.removed) {
    revalidatePath(`/w/${context.workspace.slug}/domains`);
    revalidatePath(`/w/${context.workspace.slug}/smtp-accounts`);
  }
  return { result };
});

export async function removeDomainAction(input: z.infer<typeof ZRemoveDomainInput>) {
  return action(input);
}
