// CPU time of a process's threads: its main thread, the relay's named threads (relay/thread-name.mjs:
// migo-writer, migo-checkpoint, migo-webhooks) and the others by nice value (V8's and libuv's
// helpers, at 0). The benchmark reports each per accepted message, so the cost of background work
// shows apart from the acceptance path even where the throughput of one run is too noisy to show it.
import fs from "node:fs";
import os from "node:os";

/** Seconds of CPU (user + system) by thread kind ("main", "migo-writer"…, "nice 0"…), over every thread of `pids` alive now. */
export function threadCpu(pids: readonly number[]): Map<string, number> {
  const ticksPerSecond = 100; // USER_HZ: 100 on every Linux build Node supports
  const byKind = new Map<string, number>();
  if (os.platform() !== "linux") return byKind;
  for (const pid of pids) {
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      } catch {
        continue; // the thread ended
      }
      // "pid (comm) state …": utime is the 14th field, stime the 15th, nice the 19th (proc(5)).
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
      const kind = tid === String(pid) ? "main" : comm.startsWith("migo-") ? comm : `nice ${fields[16]}`;
      byKind.set(kind, (byKind.get(kind) ?? 0) + seconds);
    }
  }
  return byKind;
}

/** `after` − `before` per kind (a thread that ended between them is not counted). */
export function cpuBetween(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([kind, s]) => [kind, s - (before.get(kind) ?? 0)]));
}
