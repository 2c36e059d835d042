// The delivery-log entries of RCPT TOs refused for a suppressed address, written after the 550
// has gone out and in batches (one transaction every FLUSH_MS), so a client that keeps sending
// to a suppressed address costs the relay a read per RCPT and no commit of its own. Bounded:
// past MAX_PENDING the oldest entries are dropped (and logged), never memory without end.
import type { Logger } from "pino";
import type { Db } from "../lib/db";
import { recordSuppressedRecipients, type SuppressedRecipient } from "../lib/suppressions/record-suppressed-recipients";

const FLUSH_MS = 200;
const MAX_PENDING = 10_000;
const BATCH = 500;

export type SuppressedLog = {
  record(entry: SuppressedRecipient): void;
  /** Writes what is pending now (close() and tests). */
  flush(): Promise<void>;
};

export function createSuppressedLog(db: Db, logger: Logger, flushMs = FLUSH_MS): SuppressedLog {
  let pending: SuppressedRecipient[] = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const writeAll = async () => {
    while (pending.length > 0) {
      const batch = pending.slice(0, BATCH);
      pending = pending.slice(batch.length);
      try {
        await recordSuppressedRecipients(db, batch);
      } catch (error) {
        // An account or workspace deleted meanwhile, or the database away: the refusal itself stood.
        logger.warn({ event: "suppressed_log", err: error, dropped: batch.length }, "delivery-log entries of suppressed recipients not written");
      }
    }
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    flushing = flushing.then(writeAll, writeAll);
    return flushing;
  };

  return {
    record(entry) {
      pending.push(entry);
      if (pending.length > MAX_PENDING) {
        pending.shift();
        logger.warn({ event: "suppressed_log", dropped: 1 }, "suppressed-recipient log entries over the bound dropped");
      }
      if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
    },
    flush,
  };
}
