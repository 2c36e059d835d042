// Where the benchmark's relay writes its demo sink (DATA_DIR/sink, one .eml file per delivered
// message). The sink stands in for the upstream a production relay sends to; on disk, its cost is
// the filesystem's, not the relay's. Measured on this kind of machine (ext4 without a journal),
// creating a file there cost 50–70 µs of kernel CPU per message after a quiet period and 300–590 µs
// within minutes of the previous run deleting its ~100,000 files (ext4 skips recently deleted
// inodes; perf: find_inode_bit / recently_deleted / ext4_get_group_desc, 37 % of the relay's CPU in
// one 64-connection run). So by default the sink goes to memory (/dev/shm), while the database
// and its fsyncs stay on disk; BENCH_SINK_DIR=disk keeps the sink in the test bed, any other value
// names the directory to use instead of /dev/shm.
import fs from "node:fs";
import path from "node:path";

/** Points `dataDir`/sink at a fresh directory under BENCH_SINK_DIR (default /dev/shm); returns where the sink is and how to remove it. */
export function placeSink(dataDir: string, setting = process.env.BENCH_SINK_DIR): { where: string; remove(): void } {
  const base = setting ?? "/dev/shm";
  const inBed = { where: "on disk, in the test bed", remove: () => undefined };
  if (setting === "disk" || !fs.existsSync(base)) return inBed;
  const target = fs.mkdtempSync(path.join(base, "migosmtp-bench-sink-"));
  fs.symlinkSync(target, path.join(dataDir, "sink"));
  return { where: `in ${base}`, remove: () => fs.rmSync(target, { recursive: true, force: true }) };
}
