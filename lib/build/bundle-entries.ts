// Our Node entry points (the relay, the portal's server) as they run in production and under test: esbuild bundles instead of
// TypeScript through tsx's loader. Packages stay external, resolved from the checkout's
// node_modules; our own code (lib/, the generated Prisma clients, the entry's folder) is bundled.
// Each bundle goes to <root>/<dir>/<hash of its contents>/, written to a temporary directory and
// renamed into place, so concurrent starts (parallel tests) never see half a bundle and a running
// process never has its files replaced under it.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

/** Bundles that are not the current one are removed once this old (a process started from one has loaded it). */
const KEEP_OLD_MS = 60 * 60 * 1000;

/**
 * Builds `entries` (output name → source file under `root`) into `<root>/<dir>/<hash>/` if this
 * exact build is not there yet, and returns that folder. An entry the checkout does not have is
 * skipped (the benchmark builds older checkouts too).
 */
export function bundleEntries(root: string, dir: string, entries: Record<string, string>): string {
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(
      Object.entries(entries)
        .map(([name, file]) => [name, path.join(root, file)])
        .filter(([, file]) => fs.existsSync(file!)),
    ),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir: path.join(root, dir, "out"),
    outExtension: { ".js": ".mjs" },
    write: false,
    logLevel: "silent",
  });
  const hash = createHash("sha256");
  for (const file of result.outputFiles) hash.update(path.basename(file.path)).update(file.contents);
  const base = path.join(root, dir);
  const out = path.join(base, hash.digest("hex").slice(0, 16));
  if (!fs.existsSync(out)) {
    const tmp = path.join(base, `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
    fs.mkdirSync(tmp, { recursive: true });
    for (const file of result.outputFiles) fs.writeFileSync(path.join(tmp, path.basename(file.path)), file.contents);
    try {
      fs.renameSync(tmp, out);
    } catch {
      // Another start wrote the same bundle first.
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  pruneOld(base, out);
  return out;
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
