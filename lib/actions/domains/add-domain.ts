"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { addDomain } from "@/lib/domains/add-domain";
import { ZDomainName } from "@/lib/domains/domain-name";

const ZAddDomainInput = z.object({ workspace: ZWorkspaceSlug, name: ZDomainName });

const action = workspaceAction("domains:manage", ZAddDomainInput, async ({ name }, context) => {
  const added = await addDomain({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, name, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/domains`);
  return added;
});

export async function addDomainAction(input: z.input<typeof ZAddDomainInput>) {
  return action(input);
}
