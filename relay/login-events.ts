// Successful AUTHs' LoginEvents, written in batches (one createMany every FLUSH_MS) so an AUTH
// answers after two reads and no commit of its own. A crash can lose at most the last
// FLUSH_MS of successful-AUTH records; failed AUTHs are written before their answer.
import type { Db } from "../lib/db";
import type { LoginEventData } from "../lib/smtp-accounts/authenticate";

export const LOGIN_EVENT_FLUSH_MS = 200;
const MAX_PENDING = 10_000;

export type LoginEventWriter = {
  record(event: LoginEventData): void;
  flush(): Promise<void>;
  stop(): Promise<void>;
};

export function createLoginEventWriter(db: Db, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): LoginEventWriter {
  let pending: LoginEventData[] = [];
  let flushing: Promise<void> = Promise.resolve();

  const flush = () => {
    if (pending.length === 0) return flushing;
    const events = pending;
    pending = [];
    flushing = flushing
      .then(async () => {
        await db.loginEvent.createMany({ data: events });
      })
      .catch((error: unknown) => {
        // Kept for the next try, bounded so a database outage cannot grow memory without end.
        pending = [...events, ...pending].slice(-MAX_PENDING);
        options.onError?.(error);
      });
    return flushing;
  };

  const timer = setInterval(() => void flush(), options.intervalMs ?? LOGIN_EVENT_FLUSH_MS);
  timer.unref();

  return {
    record(event) {
      pending.push(event);
      if (pending.length >= 1000) void flush();
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
