// Memory of the Delivery Logs CSV export (goal: ≤ 50 MB growth): the export's own heap after a
// forced GC around one 100,000-row stream (csv-heap.ts, in a child run with --expose-gc), and
// the portal's RSS before and at the end of 5 consecutive exports over HTTP (the portal is a
// production server: no forced GC there, so this is what an operator would see).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../../lib/root";

export type CsvHeap = { rows: number; megabytes: number; seconds: number; heapBeforeMb: number; heapPeakMb: number; heapAfterMb: number; heapGrowthMb: number };
export type PortalExports = { exports: number; rowsEach: number; secondsEach: number[]; rssBeforeMb: number; rssPeakMb: number; rssAfterMb: number; rssGrowthMb: number };

/** Every message of the seed is 2 s apart: 200,000 s back holds 100,000 of them. */
export const EXPORT_FROM = () => new Date(Date.now() - 200_000 * 1000).toISOString();

export async function csvHeap(databaseUrl: string, workspaceId: string): Promise<CsvHeap> {
  const { stdout } = await promisify(execFile)(path.join(ROOT, "node_modules", ".bin", "tsx"), ["--expose-gc", "scripts/bench/csv-heap.ts", databaseUrl, workspaceId, EXPORT_FROM()], {
    cwd: ROOT,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as CsvHeap;
}

/**
 * The process that runs the portal: `tsx` (which the stack starts) runs the script in a child
 * node process, whose RSS is the one that grows; the launcher's own stays flat.
 */
export function portalNodePid(launcherPid: number): number {
  const children = fs.readFileSync(`/proc/${launcherPid}/task/${launcherPid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  return children.length === 1 ? Number(children[0]) : launcherPid;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

async function streamExport(base: string, cookie: string): Promise<number> {
  const res = await fetch(`${base}/api/w/acme/delivery-logs/export?from=${encodeURIComponent(EXPORT_FROM())}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`CSV export: HTTP ${res.status}`);
  let rows = -1; // the header line
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) for (const b of chunk) if (b === 10) rows++;
  return rows;
}

export async function portalExports(base: string, cookie: string, launcherPid: number, count = 5): Promise<PortalExports> {
  const portalPid = portalNodePid(launcherPid);
  const rssBeforeMb = rssMb(portalPid);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(portalPid))), 50);
  const secondsEach: number[] = [];
  let rowsEach = 0;
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      rowsEach = await streamExport(base, cookie);
      secondsEach.push(Math.round((performance.now() - t0) / 100) / 10);
    }
  } finally {
    clearInterval(sampler);
  }
  const rssAfterMb = rssMb(portalPid);
  return { exports: count, rowsEach, secondsEach, rssBeforeMb, rssPeakMb, rssAfterMb, rssGrowthMb: rssAfterMb - rssBeforeMb };
}
