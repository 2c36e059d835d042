"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { previewDomainRemoval, removeDomain } from "@/lib/domains/remove-domain";

const ZDomainInput = z.object({ workspace: ZWorkspaceSlug, domainId: z.string().min(1).max(64) });
const ZRemoveDomainInput = ZDomainInput.extend({ confirmToken: z.string().max(64).nullable() });

const preview = workspaceAction("domains:manage", ZDomainInput, async ({ domainId }, context) => ({
  preview: await previewDomainRemoval(getDb(), { workspaceId: context.workspace.id, domainId }),
}));

const remove = workspaceAction("domains:manage", ZRemoveDomainInput, async ({ domainId, confirmToken }, context) => {
  const result = await removeDomain({ db: getDb(), workspaceId: context.workspace.id, domainId, confirmToken, actor: await actorOf(context) });
  if (result.removed) {
    revalidatePath(`/w/${context.workspace.slug}/domains`);
    revalidatePath(`/w/${context.workspace.slug}/smtp-accounts`);
  }
  return { result };
});

/** The accounts removing the domain would delete, for the dialog to name and confirm. */
export async function previewDomainRemovalAction(input: z.infer<typeof ZDomainInput>) {
  return preview(input);
}

export async function removeDomainAction(input: z.infer<typeof ZRemoveDomainInput>) {
  return remove(input);
}
