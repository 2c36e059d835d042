// Names the calling thread (Linux: /proc/thread-self/comm, 15 bytes at most), so `top -H`,
// `ps -L` and the relay benchmark's CPU per thread (scripts/bench/thread-cpu.ts) tell the relay's
// threads apart; Node's worker threads are otherwise all "node". Plain JavaScript, so the
// checkpointer thread (no loader) can use it too.
import fs from "node:fs";

/** @param {string} name "migo-…", 15 bytes at most */
export function nameThisThread(name) {
  try {
    fs.writeFileSync("/proc/thread-self/comm", name);
  } catch {
    // Not Linux: the thread keeps its name.
  }
}
