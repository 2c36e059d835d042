// Where webhook events come from: rows the system already writes, read through Prisma (both
// databases; lib/webhooks/event-sources-sqlite.ts reads the two busy ones faster on SQLite).
//   Message rows         → message.accepted, or message.rejected / message.suppressed by status
//   DeliveryAttempt rows → message.delivered / deferred / bounced / held (by outcome)
//   Alert rows           → alert.raised
//   AuditEvent rows      → credentials.revealed / reset / rotated
import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { eventIdFor, type WebhookEvent, type WebhookEventType } from "./events";

/** Rows per page. */
export const BATCH = 500;

export type SourceEvent = { workspaceId: string; sourceCreatedAt: Date; id: string; type: WebhookEventType; data: WebhookEvent["data"] };
export type Page = { rows: { id: string; createdAt: Date }[]; events: SourceEvent[] };
export type Position = { createdAt: Date; id: string };
/** Which rows: after a position (the page), at or before one (the overlap's ids), or these ids (late rows). */
export type Range = { after?: Position | null; upTo?: Position; ids?: string[] };
export type Source = {
  name: string;
  read(workspaceIds: string[], since: Date, range: Range): Promise<Page>;
  /** Ids of the rows in the overlap, up to the cursor: cheap (no relations), to find rows that committed late. */
  late(workspaceIds: string[], since: Date, upTo: Position): Promise<string[]>;
  /** A few rows an hour (alerts, audit events), not a few per accepted message. */
  quiet?: boolean;
};

export const iso = (d: Date) => d.toISOString();
const accountRef = (a: { id: string; username: string } | null) => (a ? { id: a.id, username: a.username } : null);

const MESSAGE_SELECT = {
  id: true,
  workspaceId: true,
  envelopeFrom: true,
  subject: true,
  status: true,
  lastReply: true,
  createdAt: true,
  account: { select: { id: true, username: true } },
  recipients: { select: { address: true } },
} as const;
export type MessageRow = Prisma.MessageGetPayload<{ select: typeof MESSAGE_SELECT }>;

function messageData(m: MessageRow, status: string, reply: string | null): WebhookEvent["data"] {
  return {
    message: { id: m.id, account: accountRef(m.account), envelopeFrom: m.envelopeFrom, recipients: m.recipients.map((r) => r.address), subject: m.subject, status, createdAt: iso(m.createdAt) },
    reply,
  };
}

/** A Message row's event: accepted (with the relay's 250 reply), or rejected / suppressed (with its last reply). */
export function messageEvent(m: MessageRow, acceptedReply: string | null): SourceEvent {
  const type: WebhookEventType = m.status === "rejected" ? "message.rejected" : m.status === "suppressed" ? "message.suppressed" : "message.accepted";
  const reply = type === "message.accepted" ? acceptedReply : m.lastReply;
  return { workspaceId: m.workspaceId, sourceCreatedAt: m.createdAt, id: eventIdFor(m.id, type), type, data: messageData(m, type.slice("message.".length), reply) };
}

export type AttemptRow = { id: string; workspaceId: string; outcome: string; reply: string | null; createdAt: Date; message: MessageRow };

/** A DeliveryAttempt row's event (one of ATTEMPT_OUTCOMES; duplicates are left out by the caller). */
export function attemptEvent(a: AttemptRow): SourceEvent {
  const type = ATTEMPT_OUTCOMES[a.outcome]!;
  // A message is delivered or bounced once: its id names those events (a repeat after a crash adds none).
  const source = type === "message.delivered" || type === "message.bounced" ? a.message.id : a.id;
  return { workspaceId: a.workspaceId, sourceCreatedAt: a.createdAt, id: eventIdFor(source, type), type, data: messageData(a.message, a.outcome, a.reply) };
}

/** (createdAt, id) strictly after `after`, at or before `upTo`, or among `ids`. */
function timeRange({ after, upTo, ids }: Range) {
  const conditions: object[] = [];
  if (after) conditions.push({ OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] });
  if (upTo) conditions.push({ OR: [{ createdAt: { lt: upTo.createdAt } }, { createdAt: upTo.createdAt, id: { lte: upTo.id } }] });
  if (ids) conditions.push({ id: { in: ids } });
  return { AND: conditions };
}

/** The same by a time-ordered primary key. */
function idRange({ after, upTo, ids }: Range) {
  return { AND: [after ? { id: { gt: after.id } } : {}, upTo ? { id: { lte: upTo.id } } : {}, ids ? { id: { in: ids } } : {}] };
}

/** At most this many ids in an overlap (more than the relay stores in OVERLAP_MS at the benchmark's rates). */
export const LATE_IDS = 20_000;

/** The smallest cuid / relay row id made at or after `at`: both start with "c" and the time in base 36, so the primary key orders by time. */
export function idFloor(at: Date): string {
  return `c${Math.max(0, at.getTime()).toString(36)}`;
}

export const ATTEMPT_OUTCOMES: Record<string, WebhookEventType> = { delivered: "message.delivered", deferred: "message.deferred", bounced: "message.bounced", held: "message.held" };
const AUDIT_ACTIONS: Record<string, WebhookEventType> = { "credentials.reveal": "credentials.revealed", "credentials.reset": "credentials.reset", "credentials.rotate": "credentials.rotated" };

export function prismaSources(db: Db): Source[] {
  return [
    {
      name: "webhooks:message",
      async late(workspaceIds, since, upTo) {
        const rows = await db.message.findMany({ where: { workspaceId: { in: workspaceIds }, createdAt: { gte: since }, ...timeRange({ upTo }) }, take: LATE_IDS, select: { id: true } });
        return rows.map((r) => r.id);
      },
      async read(workspaceIds, since, range) {
        const rows = await db.message.findMany({
          where: { workspaceId: { in: workspaceIds }, createdAt: { gte: since }, ...timeRange(range) },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: BATCH,
          select: { ...MESSAGE_SELECT, attempts: { where: { outcome: "accepted" }, select: { reply: true }, take: 1 } },
        });
        return { rows, events: rows.map((m) => messageEvent(m, m.attempts[0]?.reply ?? null)) };
      },
    },
    {
      // DeliveryAttempt has no createdAt index (and the relay writes one per accepted message, so
      // adding one would cost the acceptance path): its time-ordered primary key is read instead.
      name: "webhooks:delivery-attempt",
      async late(workspaceIds, since, upTo) {
        const rows = await db.deliveryAttempt.findMany({
          where: { id: { gte: idFloor(since) }, ...idRange({ upTo }), workspaceId: { in: workspaceIds }, outcome: { in: Object.keys(ATTEMPT_OUTCOMES) } },
          take: LATE_IDS,
          select: { id: true },
        });
        return rows.map((r) => r.id);
      },
      async read(workspaceIds, since, range) {
        const rows = await db.deliveryAttempt.findMany({
          where: { id: { gte: idFloor(since) }, ...idRange(range), workspaceId: { in: workspaceIds }, outcome: { in: Object.keys(ATTEMPT_OUTCOMES) } },
          orderBy: { id: "asc" },
          take: BATCH,
          select: { id: true, workspaceId: true, outcome: true, reply: true, duplicate: true, createdAt: true, message: { select: MESSAGE_SELECT } },
        });
        return {
          rows,
          events: rows.filter((a) => !a.duplicate).map(attemptEvent),
        };
      },
    },
    {
      name: "webhooks:alert",
      quiet: true,
      async late(workspaceIds, since, upTo) {
        const rows = await db.alert.findMany({ where: { workspaceId: { in: workspaceIds }, createdAt: { gte: since }, ...timeRange({ upTo }) }, take: LATE_IDS, select: { id: true } });
        return rows.map((r) => r.id);
      },
      async read(workspaceIds, since, range) {
        const rows = await db.alert.findMany({
          where: { workspaceId: { in: workspaceIds }, createdAt: { gte: since }, ...timeRange(range) },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: BATCH,
          select: { id: true, workspaceId: true, accountId: true, rule: true, title: true, evidence: true, holdApplied: true, createdAt: true },
        });
        const accounts = await accountsById(db, rows.map((r) => r.accountId));
        return {
          rows,
          events: rows.map((a) => ({
            workspaceId: a.workspaceId,
            sourceCreatedAt: a.createdAt,
            id: eventIdFor(a.id, "alert.raised"),
            type: "alert.raised" as const,
            data: { alert: { id: a.id, rule: a.rule, title: a.title, account: a.accountId ? (accounts.get(a.accountId) ?? { id: a.accountId, username: "" }) : null, evidence: parseJson(a.evidence), holdApplied: a.holdApplied, createdAt: iso(a.createdAt) } },
          })),
        };
      },
    },
    {
      name: "webhooks:audit",
      quiet: true,
      async late(workspaceIds, since, upTo) {
        const rows = await db.auditEvent.findMany({
          where: { workspaceId: { in: workspaceIds }, action: { in: Object.keys(AUDIT_ACTIONS) }, createdAt: { gte: since }, ...timeRange({ upTo }) },
          take: LATE_IDS,
          select: { id: true },
        });
        return rows.map((r) => r.id);
      },
      async read(workspaceIds, since, range) {
        const rows = await db.auditEvent.findMany({
          where: { workspaceId: { in: workspaceIds }, action: { in: Object.keys(AUDIT_ACTIONS) }, createdAt: { gte: since }, ...timeRange(range) },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: BATCH,
          select: { id: true, workspaceId: true, action: true, actorId: true, actorEmail: true, targetId: true, targetLabel: true, createdAt: true },
        });
        const accounts = await accountsById(db, rows.map((r) => r.targetId));
        return {
          rows,
          events: rows.map((e) => {
            const type = AUDIT_ACTIONS[e.action]!;
            const account = e.targetId ? (accounts.get(e.targetId) ?? { id: e.targetId, username: e.targetLabel ?? "" }) : null;
            return { workspaceId: e.workspaceId!, sourceCreatedAt: e.createdAt, id: eventIdFor(e.id, type), type, data: { account, actor: { id: e.actorId, email: e.actorEmail } } };
          }),
        };
      },
    },
  ];
}

async function accountsById(db: Db, ids: (string | null)[]): Promise<Map<string, { id: string; username: string }>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.smtpAccount.findMany({ where: { id: { in: wanted } }, select: { id: true, username: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
