// The CSV export's own heap, measured in a process of its own run with --expose-gc (spawned by
// csv-memory.ts): heap after a forced GC before the export, the peak while 100,000 rows stream
// (the bytes are counted and dropped, as a slow client's socket would hold them), and the heap
// after a forced GC once the stream has ended. Prints one JSON line.
//   tsx --expose-gc scripts/bench/csv-heap.ts <DATABASE_URL> <workspaceId> <fromIso>
import { createDb } from "../../lib/db";
import { deliveryLogCsv } from "../../lib/delivery-logs/export-csv";
import { parseDeliveryLogQuery } from "../../lib/delivery-logs/filters";

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

async function main() {
  const [url, workspaceId, from] = process.argv.slice(2);
  if (!url || !workspaceId || !from || !global.gc) throw new Error("usage: tsx --expose-gc scripts/bench/csv-heap.ts <DATABASE_URL> <workspaceId> <fromIso>");
  const gc = global.gc;
  const db = createDb(url);
  // Connect and load the query machinery first, so the "before" heap is the steady state.
  await db.message.findFirst({ where: { workspaceId }, select: { id: true } });
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let rows = -1; // the header line
  let bytes = 0;
  const t0 = performance.now();
  for await (const chunk of deliveryLogCsv(db, workspaceId, parseDeliveryLogQuery({ from })) as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) rows++;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  gc();
  const after = process.memoryUsage();
  await db.$disconnect();
  console.log(
    JSON.stringify({
      rows,
      megabytes: Math.round(bytes / 1e5) / 10,
      seconds,
      heapBeforeMb: mb(before.heapUsed),
      heapPeakMb: mb(peakHeap),
      heapAfterMb: mb(after.heapUsed),
      heapGrowthMb: mb(after.heapUsed - before.heapUsed),
      rssBeforeMb: mb(before.rss),
      rssAfterMb: mb(after.rss),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
