"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { addSuppression, MAX_NOTE } from "@/lib/suppressions/add-suppression";
import { ZSuppressionAddress } from "@/lib/suppressions/address";
import { zDisplayText } from "@/lib/text/display-text";

const ZAddSuppressionInput = z.object({ workspace: ZWorkspaceSlug, address: ZSuppressionAddress, note: zDisplayText("note", MAX_NOTE, { required: false }).optional() });

const action = workspaceAction("suppressions:manage", ZAddSuppressionInput, async ({ address, note }, context) => {
  const added = await addSuppression({ db: getDb(), workspaceId: context.workspace.id, address, note, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/suppressions`);
  return added;
});

export async function addSuppressionAction(input: z.input<typeof ZAddSuppressionInput>) {
  return action(input);
}
