"use server";

import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { ZAlertIdInput, type TAlertIdInput } from "@/lib/alerts/acknowledge-alert";
import { releaseAlertHold } from "@/lib/alerts/release-alert-hold";
import { getDb } from "@/lib/db";

const ZInput = ZAlertIdInput.extend({ workspace: ZWorkspaceSlug });

const action = workspaceAction("alerts:manage", ZInput, async ({ alertId }, context) =>
  releaseAlertHold({ db: getDb(), workspaceId: context.workspace.id, alertId, actor: await actorOf(context) }),
);

export async function releaseAlertHoldAction(input: TAlertIdInput & { workspace: string }) {
  return action(input);
}
