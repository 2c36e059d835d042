// Report compromise: the help article's compromised-credentials steps in one confirmation.
//  1. reset the password (resetPassword, reason "compromise": the old one stops at once);
//  2. record the incident with its window, and hold the account's not-yet-delivered messages;
//  3. send Rackwave support the summary (SUPPORT_EMAIL, through the relay), keeping a copy in
//     the Incident row. Each step is audited. Step-up is required before anything happens.
import { z } from "zod";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import { defaultReviewWindow, reviewCompromise } from "../delivery-logs/review";
import { ZDateParam } from "../delivery-logs/filters";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { resetPassword, type ResetPasswordInput } from "../smtp-accounts/reset-password";
import { takeOverAlertHold } from "../alerts/take-over-alert-hold";
import { holdAccountMessages } from "./hold-account-messages";
import { sendSupportEmail, type SupportEmailEnv, type SupportEmailOutcome } from "./support-email";
import { buildIncidentSummary, type IncidentSummary } from "./summary";
import { requireAccount } from "../tenancy/loaders";

const MAX_WINDOW_DAYS = 90;

export const ZReportCompromiseInput = z.object({
  accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  from: ZDateParam.optional(),
  to: ZDateParam.optional(),
});
export type TReportCompromiseInput = z.infer<typeof ZReportCompromiseInput>;

export type ReportCompromiseEnv = ResetPasswordInput["env"] & SupportEmailEnv;

export type ReportCompromiseResult = { incidentId: string; summary: IncidentSummary; supportEmail: SupportEmailOutcome };

export async function reportCompromise({
  db,
  env,
  workspace,
  accountId,
  window: requested,
  actor,
  now = new Date(),
}: {
  db: Db;
  env: ReportCompromiseEnv;
  workspace: { id: string; slug: string; name: string };
  accountId: string;
  window?: { from?: Date; to?: Date };
  actor: Actor;
  now?: Date;
}): Promise<ReportCompromiseResult> {
  requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE, now);
  const workspaceId = workspace.id;
  const account = await requireAccount(db, workspaceId, accountId, { id: true, label: true, passwordChangedAt: true, passwordVersion: true, createdAt: true });

  const fallback = defaultReviewWindow(account, now);
  const window = { from: requested?.from ?? fallback.from, to: requested?.to && requested.to < now ? requested.to : now };
  if (window.from >= window.to) throw new AppError("INVALID_INPUT", "The window must start before it ends.", "from");
  if (window.to.getTime() - window.from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw new AppError("INVALID_INPUT", `The window can span at most ${MAX_WINDOW_DAYS} days.`, "from");

  // Reviewed before the reset, so the summary describes the window as it was.
  const review = await reviewCompromise({ db, workspaceId, accountId, window });
  const credentials = await resetPassword({ db, env, workspaceId, accountId, actor, reason: "compromise" });

  const incident = await db.$transaction(async (tx) => {
    const created = await tx.incident.create({
      data: { workspaceId, accountId, windowStart: window.from, windowEnd: window.to, reportedById: actor.id, summary: "{}" },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "incident.report",
      workspaceId,
      target: { type: "smtp_account", id: accountId, label: account.label },
      metadata: { incidentId: created.id, window: { from: window.from.toISOString(), to: window.to.toISOString() }, messages: review.messages, flagged: review.flagged },
    });
    return created;
  });

  // An alert's auto-hold ends here: its held messages become the incident's.
  const { taken } = await takeOverAlertHold({ db, workspaceId, accountId, incidentId: incident.id });
  const hold = await holdAccountMessages({ db, workspaceId, accountId, incidentId: incident.id, now: new Date() });
  const held = hold.held + taken;
  const inFlight = hold.inFlight;
  await recordAudit(db, actor, {
    action: "incident.hold_messages",
    workspaceId,
    target: { type: "smtp_account", id: accountId, label: account.label },
    metadata: { incidentId: incident.id, held, inFlight, fromAlertHold: taken },
  });

  const summary = buildIncidentSummary({
    incidentId: incident.id,
    workspace: { slug: workspace.slug, name: workspace.name },
    review,
    reportedBy: actor.email,
    reportedAt: now,
    passwordVersionAfterReset: credentials.passwordVersion,
    held,
    inFlight,
  });
  await db.incident.update({ where: { id: incident.id, workspaceId }, data: { summary: JSON.stringify(summary) } });

  const supportEmail = await sendSupportEmail({ db, env, workspaceId, accountId, summary, replyTo: actor.email || null });
  const kept: IncidentSummary = { ...summary, supportEmail: { sent: supportEmail.sent, to: supportEmail.to, from: supportEmail.from, reply: supportEmail.reply, at: new Date().toISOString() } };
  await db.$transaction(async (tx) => {
    await tx.incident.update({ where: { id: incident.id, workspaceId }, data: { summary: JSON.stringify(kept) } });
    await recordAudit(tx, actor, {
      action: "incident.support_email",
      workspaceId,
      target: { type: "incident", id: incident.id, label: account.label },
      metadata: { sent: supportEmail.sent, to: supportEmail.to, from: supportEmail.from, reply: supportEmail.reply },
    });
  });
  return { incidentId: incident.id, summary: kept, supportEmail };
}

/** Open incidents of an account (the banner), newest first. */
export async function openIncidents(db: Db, workspaceId: string, accountId: string) {
  const rows = await db.incident.findMany({
    where: { workspaceId, accountId, closedAt: null },
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, createdAt: true, windowStart: true, windowEnd: true, summary: true, _count: { select: { messages: { where: { status: "held" } } } } },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, heldCount: _count.messages }));
}
