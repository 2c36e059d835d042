// The webhook thread's pass writes (lib/webhooks/record-pass-sqlite.ts), run on the relay's SQLite
// writer thread through a MessagePort: the relay's one writing connection takes them as
// bookkeeping, behind accepted-mail commits (writer-queue.ts). The webhook thread posts one step
// (a chunk of deliveries, or the cursors) and waits for its answer; the writer thread serves it.
import type { MessagePort } from "node:worker_threads";
import type { PassWriter } from "../lib/webhooks/record-pass";
import { steppedPassWriter, type PassStep } from "../lib/webhooks/record-pass-sqlite";

export type PassStepRequest = { id: number; step: PassStep };
export type PassStepAnswer = { id: number; ok: true; value: number } | { id: number; ok: false; error: { message: string; code?: string } };

/** The webhook thread's side: a pass writer whose steps run on the writer thread at the other end of `port`. */
export function portPassWriter(port: MessagePort): { write: PassWriter; close(): void } {
  const waiting = new Map<number, { resolve: (inserted: number) => void; reject: (error: Error) => void }>();
  let next = 1;
  let closed: Error | null = null;
  port.on("message", (answer: PassStepAnswer) => {
    const call = waiting.get(answer.id);
    if (!call) return;
    waiting.delete(answer.id);
    if (answer.ok) call.resolve(answer.value);
    else call.reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
  });
  // The writer thread ended (the relay is stopping): nothing in flight will be answered.
  port.on("close", () => {
    closed = new Error("the relay's SQLite writer thread is gone");
    for (const call of waiting.values()) call.reject(closed);
    waiting.clear();
  });
  return {
    write: steppedPassWriter(
      (step) =>
        new Promise<number>((resolve, reject) => {
          if (closed) return reject(closed);
          const id = next++;
          waiting.set(id, { resolve, reject });
          port.postMessage({ id, step } satisfies PassStepRequest);
        }),
    ),
    close: () => port.close(),
  };
}
