// The webhook event tailer: derives events from rows the system already writes (no write on the
// relay's acceptance path; the sources are lib/webhooks/event-sources.ts) and sends each to the
// endpoints subscribed to it.
// Each source has a TailCursor. Rows commit out of createdAt order (a batch's timestamp is taken
// before its transaction commits), so every full pass (see fullPassEveryMs) also looks
// OVERLAP_MS before the cursor for rows it has not read — ids only: re-reading that window whole, with its relations, cost the thread
// about as much as the new rows did. Event ids are derived from the source row and
// WebhookDelivery is unique on (endpointId, eventId), so a re-read (after a restart) finds its
// deliveries there and adds nothing. Only workspaces with an enabled endpoint
// are read; with no enabled endpoint anywhere a pass is one small query. An endpoint gets only
// events of rows created after it.
// With `send`, a pass POSTs its new events itself and then writes them once (lib/webhooks/
// record-pass.ts): every delivery row (the endpoint's delivery log: delivered with its answer, or
// due again for the dispatcher's retries), the attempt rows of failed first tries and the cursors. Queueing them for the dispatcher took
// three write transactions per pass (insert, claim, record) each the relay's writer waited behind.
// A crash between the POSTs and that write sends them again under the same ids (at-least-once).
import type { Db } from "../db";
import { newRowId } from "../row-id";
import { firstTrySettled, sendAll, stateAfterTry, type DeliveryToSend, type SentDelivery, type WebhookSendEnv } from "./deliver-webhook";
import { BATCH, iso, prismaSources, type Page, type Source, type SourceEvent } from "./event-sources";
import { FINAL_MESSAGE_EVENT_TYPES, isMessageEvent, parseEventTypes, type WebhookEvent, type WebhookEventType } from "./events";
import { prismaPassWriter, type PassCursor, type PassRows, type PassWriter } from "./record-pass";
import type { ResolveHost } from "./url-guard";

export const OVERLAP_MS = 5_000;

type Endpoint = { id: string; workspaceId: string; types: Set<WebhookEventType>; finalStateOnly: boolean; createdAt: Date; slug: string; url: string; secretCiphertext: string };

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

/** A pass's rows: each delivery queued (not sent) or in its state after the first try; a first try that failed also gets an attempt row (see firstTrySettled). */
function passRows(tried: Tried[], cursors: PassCursor[], retryBaseMs: number): PassRows {
  const rows: PassRows = { deliveries: [], attempts: [], cursors };
  for (const { draft, sent } of tried) {
    if (!sent) {
      rows.deliveries.push(draft);
      continue;
    }
    const { outcome, at } = sent;
    rows.deliveries.push({ ...draft, ...stateAfterTry(outcome, 1, at, retryBaseMs), attemptCount: 1, lastStatus: outcome.statusCode, lastError: outcome.error });
    if (!firstTrySettled(outcome)) rows.attempts.push({ deliveryId: draft.id, statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs, createdAt: at });
  }
  return rows;
}

/** `endpoints`: how many are enabled (none: nothing can be sent either, and the pass was one query). `queued`: deliveries written. */
export type EventTailer = { pass(now?: Date, options?: PassOptions): Promise<{ endpoints: number; read: number; queued: number; more: boolean }> };

/** `holdBusy`: leave the busy sources (messages, attempts) for a later pass; the quiet ones are read as usual (lib/webhooks/busy-hold.ts). */
export type PassOptions = { holdBusy?: boolean };

/** What a tailer needs to send its events itself (without it, it only queues them for the dispatcher). */
export type TailerSend = { env: WebhookSendEnv; resolve?: ResolveHost };

/**
 * `sources`: where events come from (default: lib/webhooks/event-sources.ts through Prisma; on SQLite the relay's webhook thread passes event-sources-sqlite.ts's).
 * `fullPassEveryMs`: the overlap's re-read and the quiet sources run on passes at least this far
 * apart; passes in between (a tailer catching up runs them back to back) read only the new rows
 * of the busy sources. Every pass is full by default.
 */
export type TailerOptions = { overlapMs?: number; fullPassEveryMs?: number; send?: TailerSend; write?: PassWriter; sources?: Source[] };

/** A tailer; `pass()` reads each source after its cursor and sends (or queues) the events. One per process (it remembers the rows it read in the overlap). */
export function createEventTailer(db: Db, { overlapMs = OVERLAP_MS, fullPassEveryMs = 0, send, write = prismaPassWriter(db), sources }: TailerOptions = {}): EventTailer {
  // Per source, the rows read within the overlap (id → createdAt): its re-read is ids only.
  const seen = new Map<string, Map<string, number>>();
  // Per source, its cursor as this tailer's last written pass left it. While the database still
  // holds that cursor, no other tailer has written since: every row this pass drafts (after the
  // cursor, or missing from the overlap) is new, and the deliveries check (a query per 500
  // events) is skipped. Empty after a restart, another relay's pass or a failed write.
  const left = new Map<string, string>();
  const cursorKey = (c: { createdAt: Date; lastId: string } | undefined) => (c ? `${c.createdAt.getTime()} ${c.lastId}` : "none");
  let lastFullPass = -Infinity;
  // The endpoints (and what each subscribes to) the last pass knew. One created or widened while
  // a pass ran missed the events of the rows that pass read after listing the endpoints; those
  // rows are in the overlap, so forgetting which rows were read (and that they were certainly
  // new) makes the next full pass draft them again, for every endpoint, deduplicated by delivery.
  let knownEndpoints = new Set<string>();
  const all = sources ?? prismaSources(db);
  return {
    async pass(now = new Date(), { holdBusy = false }: PassOptions = {}) {
      const rows = await db.webhookEndpoint.findMany({
        where: { enabled: true },
        select: { id: true, workspaceId: true, eventTypes: true, finalStateOnly: true, createdAt: true, url: true, secretCiphertext: true, workspace: { select: { slug: true } } },
      });
      if (rows.length === 0) return { endpoints: 0, read: 0, queued: 0, more: false };
      const endpoints: Endpoint[] = rows.map((e) => ({ ...e, types: new Set(parseEventTypes(e.eventTypes)), slug: e.workspace.slug }));
      const endpointKeys = new Set(rows.map((e) => `${e.id} ${e.eventTypes} ${e.finalStateOnly}`));
      if ([...endpointKeys].some((key) => !knownEndpoints.has(key))) {
        seen.clear();
        left.clear();
        lastFullPass = -Infinity;
      }
      const workspaceIds = [...new Set(endpoints.map((e) => e.workspaceId))];
      const oldestEndpoint = Math.min(...endpoints.map((e) => e.createdAt.getTime()));
      // The overlap holds rows that committed late by milliseconds under load, and its window
      // (overlapMs) is far longer than the time between full passes: none leaves it unread.
      const full = now.getTime() - lastFullPass >= fullPassEveryMs;
      if (full) lastFullPass = now.getTime();
      const reading = all.filter((s) => (s.quiet ? full : !holdBusy));
      if (reading.length === 0) return { endpoints: endpoints.length, read: 0, queued: 0, more: false };
      const cursors = new Map((await db.tailCursor.findMany({ where: { name: { in: reading.map((s) => s.name) } } })).map((c) => [c.name, c]));
      let read = 0;
      let more = false;
      const drafts: DeliveryDraft[] = [];
      // Drafts of sources no other tailer has written since this one's last pass (`left`).
      const certainlyNew: DeliveryDraft[] = [];
      const moved: PassCursor[] = [];
      const draftInto = (drafts: DeliveryDraft[]) => (event: SourceEvent) => {
        for (const endpoint of endpoints.filter((e) => wants(e, event))) {
          const body: WebhookEvent = { id: event.id, type: event.type, version: 1, createdAt: iso(event.sourceCreatedAt), workspace: { id: event.workspaceId, slug: endpoint.slug }, data: event.data };
          drafts.push({ id: newRowId(), endpointId: endpoint.id, workspaceId: event.workspaceId, eventId: event.id, eventType: event.type, payload: JSON.stringify(body), nextAttemptAt: now });
        }
      };
      for (const source of reading) {
        const cursor = cursors.get(source.name);
        const draft = draftInto(left.get(source.name) === cursorKey(cursor) ? certainlyNew : drafts);
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
        if (cursor && full) {
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
      const fresh = [...certainlyNew, ...(await unrecorded(db, drafts))];
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
      const after = new Map(reading.map((source) => [source.name, cursorKey(moved.find((m) => m.name === source.name) ?? cursors.get(source.name))]));
      let queued = 0;
      if (tried.length > 0 || moved.length > 0) {
        // A write that fails half-way leaves deliveries after the cursor: check again until one succeeds.
        for (const name of after.keys()) left.delete(name);
        queued = await write(passRows(tried, moved, send?.env.WEBHOOK_RETRY_BASE_MS ?? 0));
      }
      for (const [name, key] of after) left.set(name, key);
      // Only once the pass is written: after a failed one, the next starts afresh again. A pass
      // that held the busy sources has not re-read their overlap for a new endpoint: not yet either.
      if (!holdBusy) knownEndpoints = endpointKeys;
      return { endpoints: endpoints.length, read, queued, more };
    },
  };
}
