"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { ZGraceSeconds } from "@/lib/smtp-accounts/grace-window";
import { rotatePassword } from "@/lib/smtp-accounts/rotate-password";

const ZRotatePasswordInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), graceSeconds: ZGraceSeconds });

const action = workspaceAction(
  "credentials:reset",
  ZRotatePasswordInput,
  async ({ accountId, graceSeconds }, context) => ({
    credentials: await rotatePassword({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, accountId, graceSeconds, actor: await actorOf(context) }),
  }),
  { secret: "rotatePasswordAction" },
);

export async function rotatePasswordAction(input: z.infer<typeof ZRotatePasswordInput>) {
  return action(input);
}
