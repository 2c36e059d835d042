// The SQLite store with its writes on a worker thread. better-sqlite3 is synchronous: a commit's
// disk flush would otherwise stop the event loop, and with it every SMTP session, for as long
// as the flush takes (0.15 ms on a quiet disk, 5–10 ms on a busy one). On its own thread the
// flush runs while the main thread keeps reading commands, so everything that reaches the end
// of DATA meanwhile joins the next batch — group commit that grows with load instead of
// stalling. Reads of the hot path (MAIL FROM's account re-read, queue depth) stay on a
// read-only connection of the main thread: in WAL mode readers never wait for the writer.
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import type { CommitOutcome, PreparedMessage } from "./batch";
import type { SenderAccount } from "./policy";
import type { ClaimedMessage, DeliveryResult, RelayStore } from "./relay-store";
import { SqliteRelayStore } from "./store-sqlite";
import type { AuthReads } from "../lib/smtp-accounts/authenticate";
import type { SuppressionHit } from "../lib/suppressions/find-suppression";

/** How often the checkpointer copies the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 250;
/**
 * Claims and outcomes go to the writer in transactions of at most this many messages: a commit
 * that arrives meanwhile waits for one chunk, not for 1,024 rows. Measured under the benchmark
 * on the loaded 2-core VM, a chunk of 128 took 13–18 ms (claims read each message's raw bytes
 * and recipients), so a commit still waited ~17 ms; 32 bounds that near 4 ms. More, smaller
 * transactions cost little: they have no fsync of their own.
 */
export const BOOKKEEPING_CHUNK = 32;

type Call = { id: number; method: string; args: unknown[]; postedAt: number };
/** Milliseconds a call spent on the writer thread: queued behind earlier calls, working; for commits, statements and COMMIT (fsync). */
export type StoreSteps = { waitMs: number; workMs: number; statementsMs?: number; syncMs?: number };
type Answer = { id: number; ok: true; value: unknown; steps?: StoreSteps } | { id: number; ok: false; error: { message: string; code?: string } };

export class ThreadedSqliteRelayStore implements RelayStore {
  private readonly worker: Worker;
  private readonly checkpointer: Worker;
  private readonly reader: SqliteRelayStore;
  private readonly pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closed = false;
  private dead: Error | null = null;

  constructor(
    file: string,
    private readonly onSteps?: (method: string, steps: StoreSteps) => void,
  ) {
    this.reader = new SqliteRelayStore(file, { readonly: true });
    this.worker = new Worker(new URL("./store-sqlite-worker.mjs", import.meta.url), { workerData: { file } });
    this.worker.unref();
    this.checkpointer = new Worker(new URL("./store-sqlite-checkpointer.mjs", import.meta.url), { workerData: { file, intervalMs: CHECKPOINT_EVERY_MS } });
    this.checkpointer.unref();
    // A checkpointer that failed only lets the WAL grow until the next start; commits stay durable.
    this.checkpointer.on("error", () => undefined);
    this.worker.on("message", (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (answer.ok && answer.steps) this.onSteps?.(waiting.method, answer.steps);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
    });
    const failAll = (error: Error) => {
      this.dead = error;
      for (const w of this.pending.values()) w.reject(error);
      this.pending.clear();
    };
    this.worker.on("error", failAll);
    this.worker.on("exit", (code) => failAll(new Error(`the SQLite writer thread exited (${code})`)));
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error("the relay store is closed"));
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args, postedAt: performance.timeOrigin + performance.now() } satisfies Call);
    });
  }

  webhookWriterPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    // Id 0: no answer is awaited (the writer thread only starts listening on the port).
    this.worker.postMessage({ id: 0, method: "attachWebhookPort", args: [port1], postedAt: performance.timeOrigin + performance.now() } satisfies Call, [port1]);
    return port2;
  }

  senderAccount(accountId: string): Promise<SenderAccount | null> {
    return this.reader.senderAccount(accountId);
  }

  findSuppression(workspaceId: string, address: string): Promise<SuppressionHit | null> {
    return this.reader.findSuppression(workspaceId, address);
  }

  get authReads(): AuthReads {
    return this.reader.authReads;
  }

  commitBatch(batch: readonly PreparedMessage[], now: Date): Promise<CommitOutcome[]> {
    return this.call("commitBatch", batch, now);
  }

  async claim(instance: string, now: Date, limit: number, claimMs: number): Promise<ClaimedMessage[]> {
    const claimed: ClaimedMessage[] = [];
    while (claimed.length < limit) {
      const want = Math.min(BOOKKEEPING_CHUNK, limit - claimed.length);
      const chunk = await this.call<ClaimedMessage[]>("claim", instance, now, want, claimMs);
      // Buffers cross the thread boundary as plain Uint8Arrays.
      for (const m of chunk) claimed.push({ ...m, raw: m.raw ? Buffer.from(m.raw.buffer, m.raw.byteOffset, m.raw.byteLength) : null });
      if (chunk.length < want) break;
    }
    return claimed;
  }

  async recordDeliveries(results: readonly DeliveryResult[]): Promise<void> {
    for (let i = 0; i < results.length; i += BOOKKEEPING_CHUNK) await this.call("recordDeliveries", results.slice(i, i + BOOKKEEPING_CHUNK));
  }

  renewClaims(instance: string, ids: readonly string[], until: Date): Promise<string[]> {
    return this.call("renewClaims", instance, ids, until);
  }

  releaseClaims(instance: string): Promise<number> {
    return this.call("releaseClaims", instance);
  }

  flushLastUsed(entries: ReadonlyMap<string, Date>): Promise<void> {
    return this.call("flushLastUsed", entries);
  }

  queueDepth(): Promise<number> {
    return this.reader.queueDepth();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.reader.close();
    await this.worker.terminate();
    await this.checkpointer.terminate();
  }
}
