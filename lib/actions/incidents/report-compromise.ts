"use server";

import { workspaceAction, ZWorkspaceSlug } from "@/lib/auth/action";
import { actorOf } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { reportCompromise, ZReportCompromiseInput } from "@/lib/incidents/report-compromise";

const ZInput = ZReportCompromiseInput.extend({ workspace: ZWorkspaceSlug });

const action = workspaceAction("incidents:report", ZInput, async ({ accountId, from, to }, context) => {
  const result = await reportCompromise({ db: getDb(), env: getEnv(), workspace: context.workspace, accountId, window: { from, to }, actor: await actorOf(context) });
  return { incidentId: result.incidentId, held: result.summary.counts.held, supportEmailSent: result.supportEmail.sent, supportEmailTo: result.supportEmail.to };
}, { secret: "reportCompromiseAction" });

export async function reportCompromiseAction(input: { workspace: string; accountId: string; from?: string; to?: string }) {
  return action(input);
}
