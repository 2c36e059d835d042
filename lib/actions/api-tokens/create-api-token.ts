"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/api-tokens/create-token";
import { ZCreateApiTokenInput } from "@/lib/api-tokens/token-input";
import { getDb } from "@/lib/db";

const ZCreateApiTokenActionInput = ZCreateApiTokenInput.extend({ workspace: ZWorkspaceSlug });

const action = workspaceAction(
  "api-tokens:manage",
  ZCreateApiTokenActionInput,
  async ({ label, scopes, expiresInDays, ipAllowlist }, context) => {
    const created = await createApiToken({ db: getDb(), workspaceId: context.workspace.id, label, scopes, expiresInDays, ipAllowlist, actor: await actorOf(context) });
    revalidatePath(`/w/${context.workspace.slug}/settings/api-tokens`);
    return { created };
  },
  { secret: "createApiTokenAction" },
);

export async function createApiTokenAction(input: z.input<typeof ZCreateApiTokenActionInput>) {
  return action(input);
}
