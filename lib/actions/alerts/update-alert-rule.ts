"use server";

import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { updateAlertRule, ZUpdateAlertRuleInput, type TUpdateAlertRuleInput } from "@/lib/alerts/alert-settings";
import { getDb } from "@/lib/db";

const ZInput = ZUpdateAlertRuleInput.extend({ workspace: ZWorkspaceSlug });

const action = workspaceAction("workspace:settings", ZInput, async ({ workspace: _slug, ...input }, context) =>
  updateAlertRule({ db: getDb(), workspaceId: context.workspace.id, input, actor: await actorOf(context) }),
);

export async function updateAlertRuleAction(input: TUpdateAlertRuleInput & { workspace: string }) {
  return action(input);
}
