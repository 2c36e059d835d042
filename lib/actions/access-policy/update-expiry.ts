"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZExpiresAt } from "@/lib/access-policy/expiry";
import { updateExpiry } from "@/lib/access-policy/update-expiry";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";

const ZInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), expiresAt: ZExpiresAt() });

const action = workspaceAction("policies:manage", ZInput, async ({ accountId, expiresAt }, context) => {
  const saved = await updateExpiry({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, accountId, actor: await actorOf(context), expiresAt });
  revalidatePath(`/w/${context.workspace.slug}/smtp-accounts/${accountId}`);
  return { expiresAt: saved.expiresAt?.toISOString() ?? null };
});

export async function updateExpiryAction(input: z.input<typeof ZInput>) {
  return action(input);
}
