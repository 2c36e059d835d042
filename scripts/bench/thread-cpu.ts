// CPU time of a process's threads: its main thread, its other threads at nice 0 (the SQLite writer,
// V8's and libuv's helpers) and any at another nice value (Linux keeps one per thread: the relay's
// webhook thread runs at 19, relay/webhook-thread.ts). The benchmark reports each per accepted
// message, so the cost of background work shows apart from the acceptance path even where the
// throughput of one run is too noisy to show it.
import fs from "node:fs";
import os from "node:os";

/** Seconds of CPU (user + system) by thread kind ("main", "nice 0", "nice 19"…), over every thread of `pids` alive now. */
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
      // Fields after "(comm)": state is 3rd, utime 14th, stime 15th, nice 19th (proc(5)).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
      const kind = tid === String(pid) ? "main" : `nice ${fields[16]}`;
      byKind.set(kind, (byKind.get(kind) ?? 0) + seconds);
    }
  }
  return byKind;
}

/** `after` − `before` per kind (a thread that ended between them is not counted). */
export function cpuBetween(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([kind, s]) => [kind, s - (before.get(kind) ?? 0)]));
}
