"use server";

import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { acknowledgeAlert, ZAlertIdInput, type TAlertIdInput } from "@/lib/alerts/acknowledge-alert";
import { getDb } from "@/lib/db";

const ZInput = ZAlertIdInput.extend({ workspace: ZWorkspaceSlug });

const action = workspaceAction("alerts:manage", ZInput, async ({ alertId }, context) =>
  acknowledgeAlert({ db: getDb(), workspaceId: context.workspace.id, alertId, actor: await actorOf(context) }),
);

export async function acknowledgeAlertAction(input: TAlertIdInput & { workspace: string }) {
  return action(input);
}
