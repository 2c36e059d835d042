// CPU time of a process's threads, split by nice value (Linux keeps one per thread): the relay's
// own threads run at 0, its webhook thread at 10 (relay/webhook-thread.ts). The benchmark reports
// both per accepted message, so the cost of background work shows apart from the acceptance path
// even where the throughput of one run is too noisy to show it.
import fs from "node:fs";
import os from "node:os";

/** Seconds of CPU (user + system) per nice value, over every thread of `pids` alive now. */
export function threadCpu(pids: readonly number[]): Map<number, number> {
  const ticksPerSecond = 100; // USER_HZ: 100 on every Linux build Node supports
  const byNice = new Map<number, number>();
  if (os.platform() !== "linux") return byNice;
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
      const nice = Number(fields[16]);
      byNice.set(nice, (byNice.get(nice) ?? 0) + seconds);
    }
  }
  return byNice;
}

/** `after` − `before` per nice value (a thread that ended between them is not counted). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): Map<number, number> {
  return new Map([...after].map(([nice, s]) => [nice, s - (before.get(nice) ?? 0)]));
}
