"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { testConnection, ZTypedPassword } from "@/lib/smtp-accounts/test-connection";

// No host or port in the input: the use case always targets the relay's public host and ports.
// The password only when the workspace keeps none (show-once): the user types it.
const ZTestConnectionInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), port: z.enum(["starttls", "implicit"]), password: ZTypedPassword.optional() });

export async function testConnectionAction(input: z.infer<typeof ZTestConnectionInput>) {
  return workspaceAction("accounts:test", ZTestConnectionInput, async ({ accountId, port, password }, context) =>
    testConnection({
      db: getDb(),
      env: getEnv(),
      workspaceId: context.workspace.id,
      accountId,
      port,
      password,
      actor: await actorOf(context),
      actorName: context.user.name,
    }),
  )(input);
}
