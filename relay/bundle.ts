// The relay as it runs in production and under test: one esbuild bundle per entry (the process,
// the SQLite writer thread, the checkpointer thread, the webhook thread, the sink writer thread) in .relay-build/
// (lib/build/bundle-entries.ts) instead of TypeScript through tsx's loader, which held ~40 MB per thread and
// cost start-up time.
import path from "node:path";
import { bundleEntries } from "../lib/build/bundle-entries";

const ENTRIES = {
  main: "relay/main.ts",
  // The writer thread's entry is the TypeScript worker itself: bundled, it needs no loader boot file.
  "store-sqlite-worker": "relay/store-sqlite-worker.ts",
  "store-sqlite-checkpointer": "relay/store-sqlite-checkpointer.mjs",
  "webhook-thread": "relay/webhook-thread.ts",
  "sink-writer-thread": "relay/sink-writer-thread.mjs",
};

/**
 * How the relay's process starts (stack/processes.ts, relay/testbed.ts), for its memory: at 64
 * benchmark connections it held ~310-390 MB, of which the V8 heaps were ~130 MB. At idle, ~90 MB
 * sat in glibc's per-thread malloc arenas (64 MB-aligned regions in /proc/PID/smaps) that
 * TurboFan's tier-up compilation of Prisma's query-compiler WebAssembly had filled and freed
 * without giving back. The compiler runs once per query shape (Prisma caches plans), so its
 * baseline code (Liftoff) is enough, and two arenas keep freed memory reusable across threads.
 * Under load V8 grew each isolate's young generation to its 2 × 16 MB default; 8 MB semi-spaces
 * cut the relay's peak RSS at 64 connections from 385 to 322 MB in the same benchmark run (16
 * connections: 313 to 268 MB) at no throughput cost the run could tell from noise; 4 MB saved
 * 9 MB more and cost CPU.
 */
export const RELAY_NODE_FLAGS: readonly string[] = ["--liftoff-only", "--max-semi-space-size=8"];
export const RELAY_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: "2" };

/** Builds the relay of the checkout at `root` (if this exact build is not there yet) and returns its main file. */
export function bundleRelay(root: string): string {
  return path.join(bundleEntries(root, ".relay-build", ENTRIES), "main.mjs");
}
