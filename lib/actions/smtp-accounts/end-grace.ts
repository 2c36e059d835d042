"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { endGrace } from "@/lib/smtp-accounts/end-grace";

const ZEndGraceInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64) });

const action = workspaceAction(
  "credentials:reset",
  ZEndGraceInput,
  async ({ accountId }, context) => endGrace({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, accountId, actor: await actorOf(context) }),
  { secret: "endGraceAction" },
);

export async function endGraceAction(input: z.infer<typeof ZEndGraceInput>) {
  return action(input);
}
