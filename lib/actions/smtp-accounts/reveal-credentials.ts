"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { revealCredentials } from "@/lib/smtp-accounts/reveal-credentials";

const ZRevealCredentialsInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64) });

const action = workspaceAction(
  "credentials:reveal",
  ZRevealCredentialsInput,
  async ({ accountId }, context) => ({
    credentials: await revealCredentials({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, accountId, actor: await actorOf(context) }),
  }),
  { secret: "revealCredentialsAction" },
);

export async function revealCredentialsAction(input: z.infer<typeof ZRevealCredentialsInput>) {
  return action(input);
}
