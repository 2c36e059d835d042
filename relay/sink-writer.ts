// The demo sink (no RELAY_UPSTREAM_URL): each delivered message is written to
// DATA_DIR/sink/<messageId>.eml by a thread of its own (sink-writer-thread.mjs), a delivery pass
// at a time. Measured in the relay benchmark at 16 connections, writing through fs/promises on the
// main thread cost ~45 µs of it and ~45 µs of libuv's pool threads per message.
import path from "node:path";
import { Worker } from "node:worker_threads";

export type SinkWrite = { messageId: string; raw: Uint8Array };
export type SinkWritten = { file: string; duplicate: boolean; durationMs: number };
export type SinkWriter = { write(messages: readonly SinkWrite[]): Promise<SinkWritten[]>; stop(): Promise<void> };

type Answer = { id: number; ok: true; results: { duplicate: boolean; durationMs: number }[] } | { id: number; ok: false; message: string; code?: string };

export function sinkPath(dataDir: string, messageId: string): string {
  return path.join(dataDir, "sink", `${messageId}.eml`);
}

/** The thread starts with the first write, and again after one that died. */
export function createSinkWriter(dataDir: string): SinkWriter {
  const dir = path.join(dataDir, "sink");
  const pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  let worker: Worker | null = null;
  let nextId = 1;

  const thread = (): Worker => {
    if (worker) return worker;
    const started = new Worker(new URL("./sink-writer-thread.mjs", import.meta.url));
    started.unref();
    started.on("message", (answer: Answer) => {
      pending.get(answer.id)?.resolve(answer);
      pending.delete(answer.id);
    });
    const failAll = (error: Error) => {
      if (worker === started) worker = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on("error", failAll);
    started.on("exit", (code) => failAll(new Error(`the sink writer thread exited (${code})`)));
    worker = started;
    return started;
  };

  return {
    async write(messages) {
      if (messages.length === 0) return [];
      const id = nextId++;
      const entries = messages.map((m) => ({ file: sinkPath(dataDir, m.messageId), raw: m.raw }));
      const answer = await new Promise<Answer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread().postMessage({ id, dir, entries });
      });
      if (!answer.ok) throw Object.assign(new Error(answer.message), { code: answer.code });
      return answer.results.map((r, i) => ({ ...r, file: entries[i]!.file }));
    },
    async stop() {
      const running = worker;
      worker = null;
      await running?.terminate();
    },
  };
}
