"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { setShowPasswordsOnce } from "@/lib/smtp-accounts/set-show-once";

const ZSetShowOnceInput = z.object({ workspace: ZWorkspaceSlug, enabled: z.boolean() });

export async function setShowOnceAction(input: z.infer<typeof ZSetShowOnceInput>) {
  return workspaceAction("settings:manage", ZSetShowOnceInput, async ({ enabled }, context) =>
    setShowPasswordsOnce({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, enabled, actor: await actorOf(context) }),
  )(input);
}
