// The webhook events, version 1: their types and JSON bodies (zod), stable for receivers.
// Additive changes only (a new field, a new type); a field's meaning never changes. Every body is
// `{ id, type, version, createdAt, workspace: { id, slug }, data }`; `id` is also the webhook-id
// header, and is derived from the row the event comes from, so re-reading that row never makes a
// second event (WebhookDelivery is unique on (endpointId, eventId)).
import { z } from "zod";

export const EVENT_VERSION = 1;

export const MESSAGE_EVENT_TYPES = [
  "message.accepted",
  "message.delivered",
  "message.deferred",
  "message.bounced",
  "message.rejected",
  "message.held",
  "message.suppressed",
] as const;
export const CREDENTIAL_EVENT_TYPES = ["credentials.revealed", "credentials.reset", "credentials.rotated"] as const;
export const WEBHOOK_EVENT_TYPES = [...MESSAGE_EVENT_TYPES, "alert.raised", ...CREDENTIAL_EVENT_TYPES] as const;

export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof ZWebhookEventType>;
export type MessageEventType = (typeof MESSAGE_EVENT_TYPES)[number];

/** What each type means, for the portal's checkboxes. */
export const EVENT_LABELS: Record<WebhookEventType, string> = {
  "message.accepted": "Message accepted by the relay",
  "message.delivered": "Message delivered",
  "message.deferred": "Delivery deferred (will retry)",
  "message.bounced": "Message bounced",
  "message.rejected": "Message rejected",
  "message.held": "Message held",
  "message.suppressed": "Recipient suppressed",
  "alert.raised": "Alert raised",
  "credentials.revealed": "Credentials revealed",
  "credentials.reset": "Password reset",
  "credentials.rotated": "Password rotated",
};

/** A message's final states: a "final state only" endpoint gets one of these per message, and no other message event. */
export const FINAL_MESSAGE_EVENT_TYPES: readonly WebhookEventType[] = ["message.delivered", "message.bounced", "message.rejected", "message.suppressed"];

export function isMessageEvent(type: WebhookEventType): type is MessageEventType {
  return (MESSAGE_EVENT_TYPES as readonly string[]).includes(type);
}

const ZAccountRef = z.object({ id: z.string(), username: z.string() }).nullable();

export const ZMessageEventData = z.object({
  message: z.object({
    id: z.string(),
    account: ZAccountRef,
    envelopeFrom: z.string(),
    recipients: z.array(z.string()),
    subject: z.string().nullable(),
    /** The message's status this event reports (the type without "message."). */
    status: z.string(),
    createdAt: z.string(),
  }),
  /** The SMTP reply of this step (the relay's, or the smarthost's). */
  reply: z.string().nullable(),
});

export const ZAlertEventData = z.object({
  alert: z.object({
    id: z.string(),
    rule: z.string(),
    title: z.string(),
    account: ZAccountRef,
    /** The alert's figures and the log filters that show its evidence. */
    evidence: z.unknown(),
    holdApplied: z.boolean(),
    createdAt: z.string(),
  }),
});

export const ZCredentialsEventData = z.object({
  account: ZAccountRef,
  /** Who did it (a portal user or an API token); never a password. */
  actor: z.object({ id: z.string().nullable(), email: z.string().nullable() }),
});

export const ZTestEventData = z.object({ test: z.literal(true), message: z.string() });

export const ZWebhookEvent = z.object({
  id: z.string(),
  type: z.union([ZWebhookEventType, z.literal("webhook.test")]),
  version: z.literal(EVENT_VERSION),
  createdAt: z.string(),
  workspace: z.object({ id: z.string(), slug: z.string() }),
  data: z.union([ZMessageEventData, ZAlertEventData, ZCredentialsEventData, ZTestEventData]),
});
export type WebhookEvent = z.infer<typeof ZWebhookEvent>;

/** The event id for a source row: deterministic, so a re-read of the row finds its delivery already there. */
export function eventIdFor(sourceId: string, type: WebhookEventType): string {
  return `evt_${sourceId}_${type.replace(/\./g, "_")}`;
}

/** Parse a space-separated list of types from the database, dropping unknown ones. */
export function parseEventTypes(value: string): WebhookEventType[] {
  const known = new Set<string>(WEBHOOK_EVENT_TYPES);
  return value.split(/\s+/).filter((t): t is WebhookEventType => known.has(t));
}
