// Successful AUTHs' LoginEvents, written in batches (one createMany every FLUSH_MS) so an AUTH
// answers after two reads and no commit of its own. A crash can lose at most the last
// FLUSH_MS of successful-AUTH records; failed AUTHs are written before their answer.
//
// One bad batch must never hold up the ones after it: a row whose account (or workspace) was
// deleted between its AUTH and the flush is kept with that id nulled (the username tried still
// says who it was); a row the database refuses for any other reason is dropped on its own;
// transient failures (busy, connection) are retried a bounded number of times. Every dropped
// row is counted (onDropped → migosmtp_relay_login_events_dropped_total).
import type { Db } from "../lib/db";
import { classifyWriteFailure } from "../lib/errors/write-failure";
import type { LoginEventData } from "../lib/smtp-accounts/authenticate";

export { classifyWriteFailure };

export const LOGIN_EVENT_FLUSH_MS = 200;
const MAX_PENDING = 10_000;
/** Flushes a row may take part in before a transient failure drops it. */
export const LOGIN_EVENT_MAX_ATTEMPTS = 5;
const BATCH_SIZE = 1000;

export type LoginEventDropReason = "overflow" | "retries_exhausted" | "rejected" | "shutdown";

export type LoginEventWriter = {
  record(event: LoginEventData): void;
  flush(): Promise<void>;
  stop(): Promise<void>;
};

export type LoginEventWriterOptions = {
  intervalMs?: number;
  onError?: (error: unknown) => void;
  /** Rows given up on, by reason (never silently). */
  onDropped?: (count: number, reason: LoginEventDropReason) => void;
  /** Rows kept with their account or workspace id nulled because it was deleted meanwhile. */
  onDetached?: (count: number) => void;
};

type Pending = { event: LoginEventData; attempts: number };

/** A transient failure part-way through a row-by-row write: the first `written` rows are stored. */
class PartialWrite extends Error {
  constructor(
    override readonly cause: unknown,
    readonly written: number,
  ) {
    super("login events partly written");
  }
}

export function createLoginEventWriter(db: Db, options: LoginEventWriterOptions = {}): LoginEventWriter {
  let pending: Pending[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let stopped = false;
  const dropped = (count: number, reason: LoginEventDropReason) => {
    if (count > 0) options.onDropped?.(count, reason);
  };

  /** The rows with the account and workspace ids that no longer exist nulled. */
  const detachMissing = async (events: LoginEventData[]): Promise<LoginEventData[]> => {
    const accountIds = [...new Set(events.flatMap((e) => (e.accountId ? [e.accountId] : [])))];
    const workspaceIds = [...new Set(events.flatMap((e) => (e.workspaceId ? [e.workspaceId] : [])))];
    const [accounts, workspaces] = await Promise.all([
      accountIds.length ? db.smtpAccount.findMany({ where: { id: { in: accountIds } }, select: { id: true } }) : [],
      workspaceIds.length ? db.workspace.findMany({ where: { id: { in: workspaceIds } }, select: { id: true } }) : [],
    ]);
    const liveAccounts = new Set(accounts.map((a) => a.id));
    const liveWorkspaces = new Set(workspaces.map((w) => w.id));
    let detached = 0;
    const out = events.map((e) => {
      const accountGone = e.accountId !== null && !liveAccounts.has(e.accountId);
      const workspaceGone = e.workspaceId !== null && !liveWorkspaces.has(e.workspaceId);
      if (!accountGone && !workspaceGone) return e;
      detached++;
      return { ...e, accountId: accountGone ? null : e.accountId, workspaceId: workspaceGone ? null : e.workspaceId };
    });
    if (detached > 0) options.onDetached?.(detached);
    return out;
  };

  /**
   * Writes a batch; throws only for a transient failure (a PartialWrite when rows at the front
   * are stored already, so only the rest is retried).
   */
  const writeBatch = async (events: LoginEventData[]): Promise<void> => {
    try {
      await db.loginEvent.createMany({ data: events });
      return;
    } catch (error) {
      if (classifyWriteFailure(error) === "transient") throw error;
      options.onError?.(error);
    }
    // Some row is refused: first null references that vanished, then try the batch again.
    const repaired = await detachMissing(events);
    try {
      await db.loginEvent.createMany({ data: repaired });
      return;
    } catch (error) {
      if (classifyWriteFailure(error) === "transient") throw error;
    }
    // Still refused (a row that is bad by itself, or another delete in between): row by row.
    for (let i = 0; i < repaired.length; i++) {
      try {
        await writeOne(repaired[i]!);
      } catch (error) {
        throw new PartialWrite(error, i);
      }
    }
  };

  const writeOne = async (event: LoginEventData): Promise<void> => {
    try {
      await db.loginEvent.create({ data: event });
    } catch (error) {
      const kind = classifyWriteFailure(error);
      if (kind === "transient") throw error;
      if (kind === "foreign_key" && (event.accountId !== null || event.workspaceId !== null)) {
        options.onDetached?.(1);
        return writeOne({ ...event, accountId: null, workspaceId: null });
      }
      dropped(1, "rejected");
    }
  };

  const flushOnce = async () => {
    while (pending.length > 0) {
      const batch = pending.slice(0, BATCH_SIZE);
      pending = pending.slice(batch.length);
      try {
        await writeBatch(batch.map((p) => p.event));
      } catch (error) {
        options.onError?.(error instanceof PartialWrite ? error.cause : error);
        const written = error instanceof PartialWrite ? error.written : 0;
        const retry = batch.slice(written).map((p) => ({ event: p.event, attempts: p.attempts + 1 }));
        const keep = retry.filter((p) => p.attempts < LOGIN_EVENT_MAX_ATTEMPTS);
        dropped(retry.length - keep.length, "retries_exhausted");
        // Kept for the next tick, bounded so a database outage cannot grow memory without end.
        const merged = [...keep, ...pending];
        dropped(Math.max(0, merged.length - MAX_PENDING), "overflow");
        pending = merged.slice(-MAX_PENDING);
        return;
      }
    }
  };

  const flush = () => {
    flushing = flushing.then(flushOnce, flushOnce);
    return flushing;
  };

  const timer = setInterval(() => void flush(), options.intervalMs ?? LOGIN_EVENT_FLUSH_MS);
  timer.unref();

  return {
    record(event) {
      pending.push({ event, attempts: 0 });
      if (pending.length > MAX_PENDING) {
        pending.shift();
        dropped(1, "overflow");
      }
      // After stop() there is no timer: an AUTH finishing during shutdown is written at once.
      if (pending.length >= BATCH_SIZE || stopped) void flush();
    },
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      // Transient failures get their bounded retries now, a little apart, instead of a tick.
      for (let round = 0; round < LOGIN_EVENT_MAX_ATTEMPTS && (round === 0 || pending.length > 0); round++) {
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * round));
        await flush();
      }
      dropped(pending.length, "shutdown");
      pending = [];
    },
  };
}
