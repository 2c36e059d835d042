// The webhook event tailer: derives events from rows the system already writes (no write on the
// relay's acceptance path) and queues one WebhookDelivery per subscribed endpoint.
//   Message rows         → message.accepted, or message.rejected / message.suppressed by status
//   DeliveryAttempt rows → message.delivered / deferred / bounced / held (by outcome)
//   Alert rows           → alert.raised
//   AuditEvent rows      → credentials.revealed / reset / rotated
// Each source has a TailCursor. Rows commit out of createdAt order (a batch's timestamp is taken
// before its transaction commits), so every pass re-reads OVERLAP_MS before the cursor; event ids
// are derived from the source row and WebhookDelivery is unique on (endpointId, eventId), so a
// re-read finds its deliveries there and adds nothing. Only workspaces with an enabled endpoint
// are read; with no enabled endpoint anywhere a pass is one small query. An endpoint gets only
// events of rows created after it.
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { eventIdFor, FINAL_MESSAGE_EVENT_TYPES, isMessageEvent, parseEventTypes, type WebhookEvent, type WebhookEventType } from "./events";

export const OVERLAP_MS = 5_000;
const BATCH = 500;

type Endpoint = { id: string; workspaceId: string; types: Set<WebhookEventType>; finalStateOnly: boolean; createdAt: Date; slug: string };
type SourceEvent = { workspaceId: string; sourceCreatedAt: Date; id: string; type: WebhookEventType; data: WebhookEvent["data"] };
type Page = { rows: { id: string; createdAt: Date }[]; events: SourceEvent[] };
type Source = { name: string; read(workspaceIds: string[], since: Date, after: { createdAt: Date; id: string } | null): Promise<Page> };

const iso = (d: Date) => d.toISOString();
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
type MessageRow = Prisma.MessageGetPayload<{ select: typeof MESSAGE_SELECT }>;

function messageData(m: MessageRow, status: string, reply: string | null): WebhookEvent["data"] {
  return {
    message: { id: m.id, account: accountRef(m.account), envelopeFrom: m.envelopeFrom, recipients: m.recipients.map((r) => r.address), subject: m.subject, status, createdAt: iso(m.createdAt) },
    reply,
  };
}

/** (createdAt, id) strictly after `after`, when catching up after a full page (no overlap then, or a page of one instant would repeat forever). */
function keyset(after: { createdAt: Date; id: string } | null) {
  return after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {};
}

/** The smallest cuid / relay row id made at or after `at`: both start with "c" and the time in base 36, so the primary key orders by time. */
export function idFloor(at: Date): string {
  return `c${Math.max(0, at.getTime()).toString(36)}`;
}

const ATTEMPT_OUTCOMES: Record<string, WebhookEventType> = { delivered: "message.delivered", deferred: "message.deferred", bounced: "message.bounced", held: "message.held" };
const AUDIT_ACTIONS: Record<string, WebhookEventType> = { "credentials.reveal": "credentials.revealed", "credentials.reset": "credentials.reset", "credentials.rotate": "credentials.rotated" };

function sources(db: Db): Source[] {
  return [
    {
      name: "webhooks:message",
      async read(workspaceIds, since, after) {
        const rows = await db.message.findMany({
          where: { workspaceId: { in: workspaceIds }, createdAt: { gte: since }, ...keyset(after) },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: BATCH,
          select: { ...MESSAGE_SELECT, attempts: { where: { outcome: "accepted" }, select: { reply: true }, take: 1 } },
        });
        return {
          rows,
          events: rows.map((m) => {
            const type: WebhookEventType = m.status === "rejected" ? "message.rejected" : m.status === "suppressed" ? "message.suppressed" : "message.accepted";
            const reply = type === "message.accepted" ? (m.attempts[0]?.reply ?? null) : m.lastReply;
            return { workspaceId: m.workspaceId, sourceCreatedAt: m.createdAt, id: eventIdFor(m.id, type), type, data: messageData(m, type.slice("message.".length), reply) };
          }),
        };
      },
    },
    {
      // DeliveryAttempt has no createdAt index (and the relay writes one per accepted message, so
      // adding one would cost the acceptance path): its time-ordered primary key is read instead.
      name: "webhooks:delivery-attempt",
      async read(workspaceIds, since, after) {
        const rows = await db.deliveryAttempt.findMany({
          where: { id: { gte: idFloor(since), ...(after ? { gt: after.id } : {}) }, workspaceId: { in: workspaceIds }, outcome: { in: Object.keys(ATTEMPT_OUTCOMES) } },
          orderBy: { id: "asc" },
          take: BATCH,
          select: { id: true, workspaceId: true, outcome: true, reply: true, duplicate: true, createdAt: true, message: { select: MESSAGE_SELECT } },
        });
        return {
          rows,
          events: rows
            .filter((a) => !a.duplicate)
            .map((a) => {
              const type = ATTEMPT_OUTCOMES[a.outcome]!;
              // A message is delivered or bounced once: its id names those events (a repeat after a crash adds none).
              const source = type === "message.delivered" || type === "message.bounced" ? a.message.id : a.id;
              return { workspaceId: a.workspaceId, sourceCreatedAt: a.createdAt, id: eventIdFor(source, type), type, data: messageData(a.message, a.outcome, a.reply) };
            }),
        };
      },
    },
    {
      name: "webhooks:alert",
      async read(workspaceIds, since, after) {
        const rows = await db.alert.findMany({
          where: { workspaceId: { in: workspaceIds }, createdAt: { gte: since }, ...keyset(after) },
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
      async read(workspaceIds, since, after) {
        const rows = await db.auditEvent.findMany({
          where: { workspaceId: { in: workspaceIds }, action: { in: Object.keys(AUDIT_ACTIONS) }, createdAt: { gte: since }, ...keyset(after) },
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

function wants(endpoint: Endpoint, event: SourceEvent): boolean {
  if (endpoint.workspaceId !== event.workspaceId || !endpoint.types.has(event.type)) return false;
  if (event.sourceCreatedAt < endpoint.createdAt) return false;
  return !(endpoint.finalStateOnly && isMessageEvent(event.type) && !FINAL_MESSAGE_EVENT_TYPES.includes(event.type));
}

export type DeliveryDraft = { endpointId: string; workspaceId: string; eventId: string; eventType: string; payload: string; nextAttemptAt: Date };

/** Inserts the deliveries not already there (by (endpointId, eventId)); safe when another relay inserts the same ones meanwhile. */
export async function insertDeliveries(db: Db, drafts: DeliveryDraft[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < drafts.length; i += 500) {
    const chunk = drafts.slice(i, i + 500);
    const existing = await db.webhookDelivery.findMany({
      where: { endpointId: { in: [...new Set(chunk.map((d) => d.endpointId))] }, eventId: { in: [...new Set(chunk.map((d) => d.eventId))] } },
      select: { endpointId: true, eventId: true },
    });
    const seen = new Set(existing.map((e) => `${e.endpointId} ${e.eventId}`));
    const fresh = chunk.filter((d) => !seen.has(`${d.endpointId} ${d.eventId}`));
    if (fresh.length === 0) continue;
    try {
      inserted += (await db.webhookDelivery.createMany({ data: fresh })).count;
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      // Another tailer inserted some of them between our read and write: one at a time.
      for (const d of fresh) {
        try {
          await db.webhookDelivery.create({ data: d, select: { id: true } });
          inserted++;
        } catch (inner) {
          if (!(inner instanceof Prisma.PrismaClientKnownRequestError && inner.code === "P2002")) throw inner;
        }
      }
    }
  }
  return inserted;
}

/** `endpoints`: how many are enabled (none: nothing can be sent either, and the pass was one query). */
export type EventTailer = { pass(now?: Date): Promise<{ endpoints: number; read: number; queued: number; more: boolean }> };

/** A tailer; `pass()` reads each source once and queues deliveries. One per process (it remembers which sources are catching up). */
export function createEventTailer(db: Db, { overlapMs = OVERLAP_MS }: { overlapMs?: number } = {}): EventTailer {
  const catchingUp = new Set<string>();
  const all = sources(db);
  return {
    async pass(now = new Date()) {
      const rows = await db.webhookEndpoint.findMany({
        where: { enabled: true },
        select: { id: true, workspaceId: true, eventTypes: true, finalStateOnly: true, createdAt: true, workspace: { select: { slug: true } } },
      });
      if (rows.length === 0) return { endpoints: 0, read: 0, queued: 0, more: false };
      const endpoints: Endpoint[] = rows.map((e) => ({ id: e.id, workspaceId: e.workspaceId, types: new Set(parseEventTypes(e.eventTypes)), finalStateOnly: e.finalStateOnly, createdAt: e.createdAt, slug: e.workspace.slug }));
      const workspaceIds = [...new Set(endpoints.map((e) => e.workspaceId))];
      const oldestEndpoint = Math.min(...endpoints.map((e) => e.createdAt.getTime()));
      const cursors = new Map((await db.tailCursor.findMany({ where: { name: { in: all.map((s) => s.name) } } })).map((c) => [c.name, c]));
      let read = 0;
      let queued = 0;
      let more = false;
      const moved: { name: string; createdAt: Date; lastId: string }[] = [];
      for (const source of all) {
        const cursor = cursors.get(source.name);
        const from = Math.max(oldestEndpoint, cursor ? cursor.createdAt.getTime() : 0) - overlapMs;
        const after = cursor && catchingUp.has(source.name) ? { createdAt: cursor.createdAt, id: cursor.lastId } : null;
        const page = await source.read(workspaceIds, new Date(from), after);
        read += page.rows.length;
        const drafts: DeliveryDraft[] = [];
        for (const event of page.events) {
          const targets = endpoints.filter((e) => wants(e, event));
          if (targets.length === 0) continue;
          for (const endpoint of targets) {
            const body: WebhookEvent = { id: event.id, type: event.type, version: 1, createdAt: iso(event.sourceCreatedAt), workspace: { id: event.workspaceId, slug: endpoint.slug }, data: event.data };
            drafts.push({ endpointId: endpoint.id, workspaceId: event.workspaceId, eventId: event.id, eventType: event.type, payload: JSON.stringify(body), nextAttemptAt: now });
          }
        }
        queued += await insertDeliveries(db, drafts);
        const last = page.rows.at(-1);
        if (page.rows.length === BATCH) {
          catchingUp.add(source.name);
          more = true;
        } else catchingUp.delete(source.name);
        // The cursor only moves forward (an overlap re-read ends before it).
        if (last && (!cursor || last.createdAt > cursor.createdAt || (last.createdAt.getTime() === cursor.createdAt.getTime() && last.id > cursor.lastId)))
          moved.push({ name: source.name, createdAt: last.createdAt, lastId: last.id });
      }
      // The cursors that moved, in one transaction (each write on SQLite is a commit).
      if (moved.length > 0)
        await db.$transaction(async (tx) => {
          for (const c of moved) await tx.tailCursor.upsert({ where: { name: c.name }, create: c, update: { createdAt: c.createdAt, lastId: c.lastId } });
        });
      return { endpoints: endpoints.length, read, queued, more };
    },
  };
}
