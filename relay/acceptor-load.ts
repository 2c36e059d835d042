// How busy the relay's main thread is, for its webhook thread (lib/webhooks/busy-hold.ts): its
// event-loop utilisation over the last half second, in a shared integer the thread reads without
// a message. The main thread runs every SMTP session (and outbound delivery and housekeeping);
// when it is busy most of the time, accepting mail is what the relay's CPU should go to.
import { performance } from "node:perf_hooks";

/**
 * Busy: the event loop worked at least this share of the last interval. In the relay benchmark the
 * main thread used ~0.56–0.59 of a core at 16 and 64 connections (events were held) and ~0.37 at
 * one connection, where sending is bound by each commit's wait and events go out as they come.
 */
export const BUSY_SHARE = 0.5;
const INTERVAL_MS = 500;

export type AcceptorLoad = { buffer: SharedArrayBuffer; stop(): void };

/** On the relay's main thread: measures its event loop until stop(). */
export function startAcceptorLoad(): AcceptorLoad {
  const buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const permille = new Int32Array(buffer);
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    Atomics.store(permille, 0, Math.round(performance.eventLoopUtilization(now, last).utilization * 1000));
    last = now;
  }, INTERVAL_MS);
  timer.unref();
  return { buffer, stop: () => clearInterval(timer) };
}

/** On any thread: whether the acceptor measured by `buffer` is busy now. */
export function acceptorBusy(buffer: SharedArrayBuffer): () => boolean {
  const permille = new Int32Array(buffer);
  return () => Atomics.load(permille, 0) >= BUSY_SHARE * 1000;
}
