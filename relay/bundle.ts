// The relay as it runs in production and under test: one esbuild bundle per entry (the process,
// the SQLite writer thread, the checkpointer thread, the webhook thread) instead of TypeScript through tsx's
// loader, which held ~40 MB per thread and cost start-up time. Packages stay external, resolved
// from the checkout's node_modules; our own code (relay/, lib/, the generated Prisma clients)
// is bundled. The bundle goes to .relay-build/<hash of its contents>/, written to a temporary
// directory and renamed into place, so concurrent starts (parallel tests) never see half a
// bundle and a running relay never has its files replaced under it.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

const ENTRIES = {
  main: "relay/main.ts",
  // The writer thread's entry is the TypeScript worker itself: bundled, it needs no loader boot file.
  "store-sqlite-worker": "relay/store-sqlite-worker.ts",
  "store-sqlite-checkpointer": "relay/store-sqlite-checkpointer.mjs",
  "webhook-thread": "relay/webhook-thread.ts",
};

/**
 * How the relay's process starts (stack/processes.ts, relay/testbed.ts), for its memory: at 64
 * benchmark connections it held ~310-390 MB, of which the V8 heaps were ~130 MB. At idle, ~90 MB
 * sat in glibc's per-thread malloc arenas (64 MB-aligned regions in /proc/PID/smaps) that
 * TurboFan's tier-up compilation of Prisma's query-compiler WebAssembly had filled and freed
 * without giving back. The compiler runs once per query shape (Prisma caches plans), so its
 * baseline code (Liftoff) is enough, and two arenas keep freed memory reusable across threads.
 */
export const RELAY_NODE_FLAGS: readonly string[] = ["--liftoff-only"];
export const RELAY_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: "2" };

/** Bundles that are not the current one are removed once this old (a relay started from one has loaded it). */
const KEEP_OLD_MS = 60 * 60 * 1000;

/** Builds the relay of the checkout at `root` (if this exact build is not there yet) and returns its main file. */
export function bundleRelay(root: string): string {
  const result = buildSync({
    absWorkingDir: root,
    // An entry the checkout does not have is skipped: the benchmark builds older checkouts too.
    entryPoints: Object.fromEntries(
      Object.entries(ENTRIES)
        .map(([name, file]) => [name, path.join(root, file)])
        .filter(([, file]) => fs.existsSync(file!)),
    ),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir: path.join(root, ".relay-build", "out"),
    outExtension: { ".js": ".mjs" },
    write: false,
    logLevel: "silent",
  });
  const hash = createHash("sha256");
  for (const file of result.outputFiles) hash.update(path.basename(file.path)).update(file.contents);
  const base = path.join(root, ".relay-build");
  const dir = path.join(base, hash.digest("hex").slice(0, 16));
  if (!fs.existsSync(dir)) {
    const tmp = path.join(base, `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
    fs.mkdirSync(tmp, { recursive: true });
    for (const file of result.outputFiles) fs.writeFileSync(path.join(tmp, path.basename(file.path)), file.contents);
    try {
      fs.renameSync(tmp, dir);
    } catch {
      // Another start wrote the same bundle first.
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  pruneOld(base, dir);
  return path.join(dir, "main.mjs");
}

function pruneOld(base: string, current: string): void {
  for (const entry of fs.readdirSync(base)) {
    const full = path.join(base, entry);
    if (full === current) continue;
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > KEEP_OLD_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Removed by another start meanwhile.
    }
  }
}
