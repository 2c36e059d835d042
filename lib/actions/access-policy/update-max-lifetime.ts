"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZMaxLifetimeDays } from "@/lib/access-policy/expiry";
import { updateMaxLifetime } from "@/lib/access-policy/update-max-lifetime";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";

const ZInput = z.object({ workspace: ZWorkspaceSlug, maxPasswordLifetimeDays: ZMaxLifetimeDays });

const action = workspaceAction("workspace:settings", ZInput, async ({ maxPasswordLifetimeDays }, context) => {
  const saved = await updateMaxLifetime({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, actor: await actorOf(context), days: maxPasswordLifetimeDays });
  revalidatePath(`/w/${context.workspace.slug}/settings`);
  return saved;
});

export async function updateMaxLifetimeAction(input: z.input<typeof ZInput>) {
  return action(input);
}
