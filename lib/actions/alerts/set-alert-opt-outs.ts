"use server";

import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { setAlertOptOuts, ZSetAlertOptOutsInput } from "@/lib/alerts/alert-settings";
import { getDb } from "@/lib/db";

const ZInput = ZSetAlertOptOutsInput.extend({ workspace: ZWorkspaceSlug });

// Any member may choose which alert emails they receive; only owners and admins are sent any.
const action = workspaceAction("accounts:view", ZInput, async ({ optedOut }, context) =>
  setAlertOptOuts({ db: getDb(), workspaceId: context.workspace.id, userId: context.user.id, optedOut }),
);

export async function setAlertOptOutsAction(input: z.input<typeof ZInput>) {
  return action(input);
}
