"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { verifyDomain } from "@/lib/domains/verify-domain";

const ZVerifyDomainInput = z.object({ workspace: ZWorkspaceSlug, domainId: z.string().min(1).max(64) });

const action = workspaceAction("domains:manage", ZVerifyDomainInput, async ({ domainId }, context) => {
  const { status, outcome, dkim } = await verifyDomain({ db: getDb(), env: getEnv(), workspaceId: context.workspace.id, domainId, actor: await actorOf(context) });
  revalidatePath(`/w/${context.workspace.slug}/domains`);
  return { status, verified: outcome.ok, message: outcome.ok ? "Ownership verified." : outcome.message, dkim: dkim?.message ?? null };
});

export async function verifyDomainAction(input: z.infer<typeof ZVerifyDomainInput>) {
  return action(input);
}
