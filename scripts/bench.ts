// `npm run bench`: every benchmark, each against its baseline in the same run — the portal
// (accounts page, reveal, reset; SQLite and PostgreSQL) and the relay (throughput, AUTH
// latency, memory, reset during sending). Each prints its table and JSON line; this prints a
// final JSON line with all of them. Choose with `npm run bench -- portal` or `-- relay`.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { portalBuildIsCurrent } from "../stack/build";
import { ROOT } from "../lib/root";

const ALL = { portal: "scripts/bench-portal.ts", relay: "scripts/bench-relay.ts" } as const;
type Name = keyof typeof ALL;

/** Options for the benchmarks themselves (e.g. `-- relay --policies`), passed to each. */
const FLAGS = process.argv.slice(2).filter((a) => a.startsWith("--"));

function run(name: Name): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [ALL[name], ...FLAGS], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let last: unknown = null;
    let buffer = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      process.stdout.write(chunk);
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("{")) last = JSON.parse(line);
    });
    child.on("exit", (code) => (code === 0 ? resolve(last) : reject(new Error(`${name} benchmark exited ${code}`))));
  });
}

async function main() {
  const named = process.argv.slice(2).filter((a): a is Name => a in ALL);
  const chosen = named.length ? named : (Object.keys(ALL) as Name[]);
  if (chosen.includes("portal") && !portalBuildIsCurrent(ROOT)) {
    console.log("Building the portal for the benchmark…");
    if (spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }).status !== 0)
      throw new Error("next build failed");
  }
  const results: Record<string, unknown> = {};
  for (const name of chosen) results[name] = await run(name);
  console.log(JSON.stringify({ bench: "migosmtp", results }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
