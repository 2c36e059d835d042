// The incident summary: what support receives and the portal keeps (Incident.summary). No secrets.
import type { CompromiseReview } from "../delivery-logs/review";

export type IncidentSummary = {
  incidentId: string;
  workspace: { slug: string; name: string };
  account: { id: string; label: string; username: string };
  reportedBy: string;
  reportedAt: string;
  window: { from: string; to: string };
  passwordVersionAfterReset: number;
  counts: { messages: number; flagged: number; uniqueIps: number; uniqueRecipientDomains: number; replacedVersionMessages: number; held: number; inFlight: number };
  flagged: { newIps: string[]; newRecipientDomains: string[]; highVolumeHours: { hour: string; count: number }[]; hourlyThreshold: number };
  supportEmail?: { sent: boolean; to: string; from: string; reply: string | null; at: string };
};

export function buildIncidentSummary(input: {
  incidentId: string;
  workspace: { slug: string; name: string };
  review: CompromiseReview;
  reportedBy: string;
  reportedAt: Date;
  passwordVersionAfterReset: number;
  held: number;
  inFlight: number;
}): IncidentSummary {
  const { review } = input;
  return {
    incidentId: input.incidentId,
    workspace: input.workspace,
    account: { id: review.account.id, label: review.account.label, username: review.account.username },
    reportedBy: input.reportedBy,
    reportedAt: input.reportedAt.toISOString(),
    window: { from: review.window.from.toISOString(), to: review.window.to.toISOString() },
    passwordVersionAfterReset: input.passwordVersionAfterReset,
    counts: {
      messages: review.messages,
      flagged: review.flagged,
      uniqueIps: review.uniqueIps,
      uniqueRecipientDomains: review.uniqueRecipientDomains,
      replacedVersionMessages: review.replacedVersionMessages,
      held: input.held,
      inFlight: input.inFlight,
    },
    flagged: {
      newIps: review.newIps.slice(0, 50),
      newRecipientDomains: review.newRecipientDomains.slice(0, 50),
      highVolumeHours: review.highVolumeHours.slice(0, 50).map((h) => ({ hour: h.hour.toISOString(), count: h.count })),
      hourlyThreshold: review.hourlyThreshold,
    },
  };
}

export function parseIncidentSummary(text: string): IncidentSummary | null {
  try {
    return JSON.parse(text) as IncidentSummary;
  } catch {
    return null;
  }
}
