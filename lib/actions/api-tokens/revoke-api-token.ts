"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { revokeApiToken } from "@/lib/api-tokens/revoke-token";
import { getDb } from "@/lib/db";

const ZRevokeApiTokenInput = z.object({ workspace: ZWorkspaceSlug, tokenId: z.string().min(1).max(64) });

const action = workspaceAction("api-tokens:manage", ZRevokeApiTokenInput, async ({ tokenId }, context) => {
  await revokeApiToken({ db: getDb(), workspaceId: context.workspace.id, tokenId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/settings/api-tokens`);
  return {};
});

export async function revokeApiTokenAction(input: z.infer<typeof ZRevokeApiTokenInput>) {
  return action(input);
}
