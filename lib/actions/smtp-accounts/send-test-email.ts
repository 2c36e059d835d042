"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { sendTestEmail } from "@/lib/smtp-accounts/send-test-email";
import { ZTypedPassword } from "@/lib/smtp-accounts/test-connection";

// No recipient in the input: the message goes to the signed-in user's own address only.
const ZSendTestEmailInput = z.object({
  workspace: ZWorkspaceSlug,
  accountId: z.string().min(1).max(64),
  port: z.enum(["starttls", "implicit"]).default("starttls"),
  // Only when the workspace keeps no copy of the password (show-once): the user types it.
  password: ZTypedPassword.optional(),
});

export async function sendTestEmailAction(input: z.input<typeof ZSendTestEmailInput>) {
  return workspaceAction("accounts:test", ZSendTestEmailInput, async ({ accountId, port, password }, context) => ({
    outcome: await sendTestEmail({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, accountId, port, password, actor: await actorOf(context) }),
  }))(input);
}
