// Group commit: every message that reached the end of DATA waits here; one transaction stores
// all that are waiting (up to MAX_BATCH), and each client hears its reply only after that
// commit. Durability then costs one transaction per batch, not one per message. SQLite has one
// writer, so one transaction at a time; PostgreSQL commits several at once (its own WAL group
// commit joins their flushes), so a store may allow `concurrency` batches in flight.
import type { CommitOutcome, PreparedMessage } from "./batch";
import type { RelayStore } from "./relay-store";
import { REPLY } from "./replies";

export const MAX_BATCH = 64;

type Waiting = { message: PreparedMessage; resolve: (outcome: CommitOutcome) => void };

export type GroupCommitter = {
  submit(message: PreparedMessage): Promise<CommitOutcome>;
  /** Resolves when nothing is waiting or committing. */
  drain(): Promise<void>;
};

export function createGroupCommitter(
  store: Pick<RelayStore, "commitBatch">,
  options: { maxBatch?: number; concurrency?: number; onBatch?: (size: number, ms: number, error?: unknown) => void } = {},
): GroupCommitter {
  const maxBatch = options.maxBatch ?? MAX_BATCH;
  const concurrency = options.concurrency ?? 1;
  let queue: Waiting[] = [];
  let running = 0;
  let scheduled = false;
  const idle: (() => void)[] = [];

  const schedule = () => {
    if (scheduled || running >= concurrency) return;
    scheduled = true;
    // setImmediate: messages whose DATA ended in the same I/O turn join this batch.
    setImmediate(pump);
  };

  /**
   * The batch's transaction did not commit, so nothing of it is stored. One message the database
   * cannot hold (PostgreSQL refuses a NUL character in text, for one) must not cost the other
   * clients in its batch their message: each half is committed on its own, down to the message
   * at fault. When both halves fail as well, the database itself is failing (or more than one
   * message is at fault) and everyone left hears 451, after two more attempts at most per level.
   */
  const commitApart = async (batch: Waiting[], error: unknown): Promise<void> => {
    if (batch.length === 1) return batch[0]!.resolve({ ok: false, reply: REPLY.storageFailure, error });
    const middle = Math.ceil(batch.length / 2);
    const halves = [batch.slice(0, middle), batch.slice(middle)];
    const results = await Promise.allSettled(
      halves.map(async (half) =>
        store.commitBatch(
          half.map((w) => w.message),
          new Date(),
        ),
      ),
    );
    if (results.every((r) => r.status === "rejected")) {
      for (const w of batch) w.resolve({ ok: false, reply: REPLY.storageFailure, error });
      return;
    }
    await Promise.all(
      results.map((result, h) => {
        const half = halves[h]!;
        if (result.status === "rejected") return commitApart(half, result.reason);
        half.forEach((w, i) => w.resolve(result.value[i] ?? { ok: false, reply: REPLY.storageFailure }));
      }),
    );
  };

  const pump = () => {
    scheduled = false;
    if (running >= concurrency) return;
    if (queue.length === 0) {
      if (running === 0) for (const resolve of idle.splice(0)) resolve();
      return;
    }
    running++;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    const started = performance.now();
    let outcomes: Promise<CommitOutcome[]>;
    try {
      outcomes = store.commitBatch(
        batch.map((w) => w.message),
        new Date(),
      );
    } catch (error) {
      outcomes = Promise.reject(error);
    }
    outcomes
      .then(
        (results) => {
          options.onBatch?.(batch.length, performance.now() - started);
          batch.forEach((w, i) => w.resolve(results[i] ?? { ok: false, reply: REPLY.storageFailure }));
        },
        (error: unknown) => {
          options.onBatch?.(batch.length, performance.now() - started, error);
          return commitApart(batch, error);
        },
      )
      .finally(() => {
        running--;
        if (queue.length > 0) schedule();
        else if (running === 0) for (const resolve of idle.splice(0)) resolve();
      });
  };

  return {
    submit(message) {
      return new Promise<CommitOutcome>((resolve) => {
        queue.push({ message, resolve });
        schedule();
      });
    },
    drain() {
      if (running === 0 && !scheduled && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
