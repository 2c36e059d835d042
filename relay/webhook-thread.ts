// The webhook tailer and dispatcher on a thread of their own (relay/webhook-host.ts starts it):
// reading events, building and signing bodies, HTTP and their Prisma bookkeeping cost ~0.25 ms
// of CPU per event, which on the relay's event loop delayed every SMTP reply (the benchmark's
// acceptance rate fell by a third with an endpoint subscribed to every event).
import os from "node:os";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { createDb, providerOf } from "../lib/db";
import { getEnv } from "../lib/env";
import { sqliteSources } from "../lib/webhooks/event-sources-sqlite";
import { sqlitePassWriter } from "../lib/webhooks/record-pass-sqlite";
import { acceptorBusy } from "./acceptor-load";
import { createRelayLogger } from "./logger";
import { nameThisThread } from "./thread-name.mjs";
import { portPassWriter } from "./webhook-writes";
import { startWebhookWorker } from "./webhook-worker";

/**
 * This thread's nice value (Linux keeps one per thread; 0 = the relay's). Webhooks are background
 * work next to accepting mail: while the CPU is short the relay's threads go first and events wait
 * (sent in the next passes, seconds later); with CPU to spare the thread takes what it needs.
 * 19, the lowest: at 10 the thread took more of a saturated relay's CPU while it was accepting.
 * SCHED_IDLE (through `chrt`) was tried and was worse: the thread is preempted while holding locks
 * the relay's threads share with it in one process (the allocator's, V8's), and they wait.
 */
const THREAD_NICE = 19;

nameThisThread("migo-webhooks");
try {
  os.setPriority(0, THREAD_NICE);
} catch {
  // Not permitted here: the thread runs at the relay's priority.
}

const env = getEnv();
const db = createDb(env.DATABASE_URL);
// SQLite: this connection's commits (webhook bookkeeping) do not fsync the WAL themselves; the
// relay's next durable commit does. All of it is derived from mail rows in the same database, so
// a power cut can at worst roll it back to an earlier cursor, and the events are sent again under
// the same ids (receivers deduplicate on webhook-id; Standard Webhooks is at-least-once).
const sqlite = providerOf(db) === "sqlite";
if (sqlite) await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
const file = env.DATABASE_URL.slice("file:".length);
// SQLite: the tailer's passes are written without Prisma, in short synchronous transactions — on
// the relay's writer thread when the relay gave a port to it (relay/webhook-writes.ts), otherwise
// on a connection of this thread's own.
const { writerPort, acceptorLoad } = (workerData ?? {}) as { writerPort?: MessagePort; acceptorLoad?: SharedArrayBuffer };
const passWriter = writerPort ? portPassWriter(writerPort) : sqlite ? sqlitePassWriter(file) : null;
// SQLite: messages and attempts, the busy sources, are read without Prisma too.
const reads = sqlite ? sqliteSources(db, file) : null;
const worker = startWebhookWorker({ env, db, logger: createRelayLogger(env), write: passWriter?.write, sources: reads?.sources, busy: acceptorLoad && acceptorBusy(acceptorLoad) });

parentPort!.once("message", () => {
  void (async () => {
    await worker.stop();
    passWriter?.close();
    reads?.close();
    await db.$disconnect();
    parentPort!.postMessage("stopped");
  })();
});
