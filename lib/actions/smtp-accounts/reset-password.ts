"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { resetPassword } from "@/lib/smtp-accounts/reset-password";

const ZResetPasswordInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64) });

const action = workspaceAction(
  "credentials:reset",
  ZResetPasswordInput,
  async ({ accountId }, context) => ({
    credentials: await resetPassword({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, accountId, actor: await actorOf(context) }),
  }),
  { secret: "resetPasswordAction" },
);

export async function resetPasswordAction(input: z.infer<typeof ZResetPasswordInput>) {
  return action(input);
}
