// The webhook event tailer: derives events from rows the system already writes (no write on the
// relay's acceptance path) and sends each to the endpoints subscribed to it.
//   Message rows         → message.accepted, or message.rejected / message.suppressed by status
//   DeliveryAttempt rows → message.delivered / deferred / bounced / held (by outcome)
//   Alert rows           → alert.raised
//   AuditEvent rows      → credentials.revealed / reset / rotated
// Each source has a TailCursor. Rows commit out of createdAt order (a batch's timestamp is taken
// before its transaction commits), so every pass also looks OVERLAP_MS before the cursor for rows
// it has not read — ids only: re-reading that window whole, with its relations, cost the thread
// about as much as the new rows did. Event ids are derived from the source row and
// WebhookDelivery is unique on (endpointId, eventId), so a re-read (after a restart) finds its
// deliveries there and adds nothing. Only workspaces with an enabled endpoint
// are read; with no enabled endpoint anywhere a pass is one small query. An endpoint gets only
// events of rows created after it.
// With `send`, a pass POSTs its new events itself and then writes them once (lib/webhooks/
// record-pass.ts): every delivery row (the endpoint's delivery log: delivered with its answer, or
// due again for the dispatcher's retries), their attempt rows and the cursors. Queueing them for the dispatcher took
// three write transactions per pass (insert, claim, record) each the relay's writer waited behind.
// A crash between the POSTs and that write sends them again under the same ids (at-least-once).
import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { newRowId } from "../row-id";
import { sendAll, stateAfterTry, type DeliveryToSend, type SentDelivery, type WebhookSendEnv } from "./deliver-webhook";
import { prismaPassWriter, type PassCursor, type PassRows, type PassWriter } from "./record-pass";
import type { ResolveHost } from "./url-guard";
import { eventIdFor, FINAL_MESSAGE_EVENT_TYPES, isMessageEvent, parseEventTypes, type WebhookEvent, type WebhookEventType } from "./events";

export const OVERLAP_MS = 5_000;
const BATCH = 500;

type Endpoint = { id: string; workspaceId: string; types: Set<WebhookEventType>; finalStateOnly: boolean; createdAt: Date; slug: string; url: string; secretCiphertext: string };
type SourceEvent = { workspaceId: string; sourceCreatedAt: Date; id: string; type: WebhookEventType; data: WebhookEvent["data"] };
type Page = { rows: { id: string; createdAt: Date }[]; events: SourceEvent[] };
type Position = { createdAt: Date; id: string };
/** Which rows: after a position (the page), at or before one (the overlap's ids), or these ids (late rows). */
type Range = { after?: Position | null; upTo?: Position; ids?: string[] };
type Source = {
  name: string;
  read(workspaceIds: string[], since: Date, range: Range): Promise<Page>;
  /** Ids of the rows in the overlap, up to the cursor: cheap (no relations), to find rows that committed late. */
  late(workspaceIds: string[], since: Date, upTo: Position): Promise<string[]>;
};

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
const LATE_IDS = 20_000;

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

function wants(endpoint: Endpoint, event: SourceEvent): boolean {
  if (endpoint.workspaceId !== event.workspaceId || !endpoint.types.has(event.type)) return false;
  if (event.sourceCreatedAt < endpoint.createdAt) return false;
  return !(endpoint.finalStateOnly && isMessageEvent(event.type) && !FINAL_MESSAGE_EVENT_TYPES.includes(event.type));
}

export type DeliveryDraft = { id: string; endpointId: string; workspaceId: string; eventId: string; eventType: string; payload: string; nextAttemptAt: Date };

/** The drafts with no delivery row yet (by (endpointId, eventId)): an overlap re-read finds its events there. */
async function unrecorded(db: Db, drafts: DeliveryDraft[]): Promise<DeliveryDraft[]> {
  const fresh: DeliveryDraft[] = [];
  for (let i = 0; i < drafts.length; i += 500) {
    const chunk = drafts.slice(i, i + 500);
    const existing = await db.webhookDelivery.findMany({
      where: { endpointId: { in: [...new Set(chunk.map((d) => d.endpointId))] }, eventId: { in: [...new Set(chunk.map((d) => d.eventId))] } },
      select: { endpointId: true, eventId: true },
    });
    const seen = new Set(existing.map((e) => `${e.endpointId} ${e.eventId}`));
    fresh.push(...chunk.filter((d) => !seen.has(`${d.endpointId} ${d.eventId}`)));
  }
  return fresh;
}

type Tried = { draft: DeliveryDraft; sent?: SentDelivery };

/** A pass's rows: each delivery queued (not sent) or in its state after the first try, with that try's attempt row. */
function passRows(tried: Tried[], cursors: PassCursor[], retryBaseMs: number): PassRows {
  const rows: PassRows = { deliveries: [], attempts: [], cursors };
  for (const { draft, sent } of tried) {
    if (!sent) {
      rows.deliveries.push(draft);
      continue;
    }
    const { outcome, at } = sent;
    rows.deliveries.push({ ...draft, ...stateAfterTry(outcome, 1, at, retryBaseMs), attemptCount: 1, lastStatus: outcome.statusCode, lastError: outcome.error });
    rows.attempts.push({ deliveryId: draft.id, statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs, createdAt: at });
  }
  return rows;
}

/** `endpoints`: how many are enabled (none: nothing can be sent either, and the pass was one query). `queued`: deliveries written. */
export type EventTailer = { pass(now?: Date): Promise<{ endpoints: number; read: number; queued: number; more: boolean }> };

/** What a tailer needs to send its events itself (without it, it only queues them for the dispatcher). */
export type TailerSend = { env: WebhookSendEnv; resolve?: ResolveHost };

export type TailerOptions = { overlapMs?: number; send?: TailerSend; write?: PassWriter };

/** A tailer; `pass()` reads each source after its cursor and sends (or queues) the events. One per process (it remembers the rows it read in the overlap). */
export function createEventTailer(db: Db, { overlapMs = OVERLAP_MS, send, write = prismaPassWriter(db) }: TailerOptions = {}): EventTailer {
  // Per source, the rows read within the overlap (id → createdAt): its re-read is ids only.
  const seen = new Map<string, Map<string, number>>();
  const all = sources(db);
  return {
    async pass(now = new Date()) {
      const rows = await db.webhookEndpoint.findMany({
        where: { enabled: true },
        select: { id: true, workspaceId: true, eventTypes: true, finalStateOnly: true, createdAt: true, url: true, secretCiphertext: true, workspace: { select: { slug: true } } },
      });
      if (rows.length === 0) return { endpoints: 0, read: 0, queued: 0, more: false };
      const endpoints: Endpoint[] = rows.map((e) => ({ ...e, types: new Set(parseEventTypes(e.eventTypes)), slug: e.workspace.slug }));
      const workspaceIds = [...new Set(endpoints.map((e) => e.workspaceId))];
      const oldestEndpoint = Math.min(...endpoints.map((e) => e.createdAt.getTime()));
      const cursors = new Map((await db.tailCursor.findMany({ where: { name: { in: all.map((s) => s.name) } } })).map((c) => [c.name, c]));
      let read = 0;
      let more = false;
      const drafts: DeliveryDraft[] = [];
      const moved: PassCursor[] = [];
      const draft = (event: SourceEvent) => {
        for (const endpoint of endpoints.filter((e) => wants(e, event))) {
          const body: WebhookEvent = { id: event.id, type: event.type, version: 1, createdAt: iso(event.sourceCreatedAt), workspace: { id: event.workspaceId, slug: endpoint.slug }, data: event.data };
          drafts.push({ id: newRowId(), endpointId: endpoint.id, workspaceId: event.workspaceId, eventId: event.id, eventType: event.type, payload: JSON.stringify(body), nextAttemptAt: now });
        }
      };
      for (const source of all) {
        const cursor = cursors.get(source.name);
        const from = Math.max(oldestEndpoint, cursor ? cursor.createdAt.getTime() : 0) - overlapMs;
        const since = new Date(from);
        const known = seen.get(source.name) ?? new Map<string, number>();
        seen.set(source.name, known);
        for (const [id, at] of known) if (at < from) known.delete(id);
        const remember = (page: Page) => {
          read += page.rows.length;
          for (const row of page.rows) known.set(row.id, row.createdAt.getTime());
          page.events.forEach(draft);
        };
        if (cursor) {
          // Rows in the overlap this tailer has not read: committed after the cursor passed their
          // time (or read before a restart: then their deliveries are found below).
          const position = { createdAt: cursor.createdAt, id: cursor.lastId };
          const missing = (await source.late(workspaceIds, since, position)).filter((id) => !known.has(id));
          if (missing.length > BATCH) more = true;
          if (missing.length > 0) remember(await source.read(workspaceIds, since, { ids: missing.slice(0, BATCH) }));
        }
        const page = await source.read(workspaceIds, since, { after: cursor ? { createdAt: cursor.createdAt, id: cursor.lastId } : null });
        remember(page);
        if (page.rows.length === BATCH) more = true;
        const last = page.rows.at(-1);
        if (last) moved.push({ name: source.name, createdAt: last.createdAt, lastId: last.id });
      }
      const fresh = await unrecorded(db, drafts);
      let tried: Tried[] = fresh.map((draft) => ({ draft }));
      if (send && fresh.length > 0) {
        const byId = new Map(endpoints.map((e) => [e.id, e]));
        const toSend: DeliveryToSend[] = fresh.map((d) => {
          const e = byId.get(d.endpointId)!;
          return { id: d.id, eventId: d.eventId, payload: d.payload, attemptCount: 0, endpoint: { id: e.id, url: e.url, secretCiphertext: e.secretCiphertext } };
        });
        const sent = await sendAll(send.env, toSend, send.resolve);
        tried = fresh.map((draft, i) => ({ draft, sent: sent[i] }));
      }
      if (tried.length === 0 && moved.length === 0) return { endpoints: endpoints.length, read, queued: 0, more };
      const queued = await write(passRows(tried, moved, send?.env.WEBHOOK_RETRY_BASE_MS ?? 0));
      return { endpoints: endpoints.length, read, queued, more };
    },
  };
}
