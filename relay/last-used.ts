// SmtpAccount.lastUsedAt, written in batches: the relay notes each successful AUTH and each
// accepted message in memory, and a timer writes one UPDATE per account touched.
import type { RelayStore } from "./relay-store";

export const LAST_USED_FLUSH_MS = 5_000;

export type LastUsedTracker = {
  touch(accountId: string, at?: Date): void;
  flush(): Promise<void>;
  stop(): Promise<void>;
};

export function createLastUsedTracker(
  store: Pick<RelayStore, "flushLastUsed">,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): LastUsedTracker {
  let pending = new Map<string, Date>();
  let flushing: Promise<void> = Promise.resolve();

  const flush = () => {
    if (pending.size === 0) return flushing;
    const entries = pending;
    pending = new Map();
    flushing = flushing
      .then(() => store.flushLastUsed(entries))
      .catch((error: unknown) => {
        // Keep the newest value of each account for the next try.
        for (const [id, at] of entries) if (!pending.has(id) || pending.get(id)! < at) pending.set(id, at);
        options.onError?.(error);
      });
    return flushing;
  };

  const timer = setInterval(() => void flush(), options.intervalMs ?? LAST_USED_FLUSH_MS);
  timer.unref();

  return {
    touch(accountId, at = new Date()) {
      const seen = pending.get(accountId);
      if (!seen || seen < at) pending.set(accountId, at);
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
