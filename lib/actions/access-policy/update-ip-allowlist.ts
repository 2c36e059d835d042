"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZIpAllowlistText, updateIpAllowlist } from "@/lib/access-policy/update-ip-allowlist";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";

const ZInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), ipAllowlist: ZIpAllowlistText });

const action = workspaceAction("policies:manage", ZInput, async ({ accountId, ipAllowlist }, context) => {
  const saved = await updateIpAllowlist({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, accountId, actor: await actorOf(context), text: ipAllowlist });
  revalidatePath(`/w/${context.workspace.slug}/smtp-accounts/${accountId}`);
  return saved;
});

export async function updateIpAllowlistAction(input: z.infer<typeof ZInput>) {
  return action(input);
}
