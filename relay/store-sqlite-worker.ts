// The writer thread of ThreadedSqliteRelayStore: one better-sqlite3 connection, calls served
// one at a time, accepted-mail commits ahead of bookkeeping (writer-queue.ts).
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from "node:worker_threads";
import { passStatements, type PassStep } from "../lib/webhooks/record-pass-sqlite";
import type { PreparedMessage } from "./batch";
import type { DeliveryResult } from "./relay-store";
import { SqliteRelayStore } from "./store-sqlite";
import type { PassStepRequest } from "./webhook-writes";
import { nameThisThread } from "./thread-name.mjs";
import { createWriterQueue } from "./writer-queue";

nameThisThread("migo-writer");

const store = new SqliteRelayStore((workerData as { file: string }).file, { externalCheckpoints: true });

/** `reply`: where the answer goes when not to the main thread (the webhook thread's port). */
type Call = { id: number; method: string; args: unknown[]; postedAt: number; reply?: MessagePort };

const webhookPass = store.bookkeepingWriter(passStatements);

const clock = () => performance.timeOrigin + performance.now();

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

async function serve(call: Call): Promise<unknown> {
  const a = call.args;
  switch (call.method) {
    case "commitBatch":
      return store.commitBatch(
        (a[0] as PreparedMessage[]).map((m) => ({ ...m, raw: toBuffer(m.raw) })),
        a[1] as Date,
      );
    case "claim":
      return store.claim(a[0] as string, a[1] as Date, a[2] as number, a[3] as number);
    case "recordDeliveries":
      return store.recordDeliveries(a[0] as DeliveryResult[]);
    case "renewClaims":
      return store.renewClaims(a[0] as string, a[1] as string[], a[2] as Date);
    case "releaseClaims":
      return store.releaseClaims(a[0] as string);
    case "flushLastUsed":
      return store.flushLastUsed(a[0] as Map<string, Date>);
    case "attachWebhookPort": {
      // The webhook thread's pass writes (relay/webhook-writes.ts) join this queue as bookkeeping.
      const port = a[0] as MessagePort;
      port.on("message", ({ id, step }: PassStepRequest) => queue.push({ id, method: "webhookPassStep", args: [step], postedAt: clock(), reply: port }));
      return null;
    }
    case "webhookPassStep":
      return webhookPass((statements) => statements.run(a[0] as PassStep));
    default:
      throw new Error(`unknown store call ${call.method}`);
  }
}

const queue = createWriterQueue<Call>(
  (call) => call.method === "commitBatch",
  async (call) => {
    const started = clock();
    // The webhook thread's steps are answered on their own port, without the metrics.
    const to = call.reply ?? parentPort!;
    try {
      const value = await serve(call);
      // Where the call's time went, for the relay's metrics: waiting behind earlier calls, then its own work.
      const commit = call.method === "commitBatch" ? store.lastCommitSteps : null;
      const steps = call.reply ? undefined : { waitMs: started - call.postedAt, workMs: clock() - started, statementsMs: commit?.statementsMs, syncMs: commit?.syncMs };
      to.postMessage({ id: call.id, ok: true, value, steps });
    } catch (error) {
      const e = error as { message?: string; code?: string };
      to.postMessage({ id: call.id, ok: false, error: { message: e.message ?? String(error), code: e.code } });
    }
  },
  () => {
    const calls: Call[] = [];
    for (let m = receiveMessageOnPort(parentPort!); m; m = receiveMessageOnPort(parentPort!)) calls.push(m.message as Call);
    return calls;
  },
);
parentPort!.on("message", (call: Call) => queue.push(call));
