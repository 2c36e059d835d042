"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { testConnection } from "@/lib/smtp-accounts/test-connection";

// No host or port in the input: the use case always targets the relay's public host and ports.
const ZTestConnectionInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), port: z.enum(["starttls", "implicit"]) });

export async function testConnectionAction(input: z.infer<typeof ZTestConnectionInput>) {
  return workspaceAction("accounts:test", ZTestConnectionInput, async ({ accountId, port }, context) =>
    testConnection({
      db: getDb(),
      env: getEnv(),
      workspaceId: context.workspace.id,
      accountId,
      port,
      actor: await actorOf(context),
      actorName: context.user.name,
    }),
  )(input);
}
