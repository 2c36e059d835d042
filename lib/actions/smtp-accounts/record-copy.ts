"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordCredentialCopy, ZCopyableField } from "@/lib/smtp-accounts/record-copy";

const ZRecordCopyInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64), field: ZCopyableField });

const action = workspaceAction("credentials:reveal", ZRecordCopyInput, async ({ accountId, field }, context) => {
    await recordCredentialCopy(getDb(), { workspaceId: context.workspace.id, accountId, field, actor: await actorOf(context) });
    return {};
  });

export async function recordCopyAction(input: z.infer<typeof ZRecordCopyInput>) {
  return action(input);
}
