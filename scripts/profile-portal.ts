// Where a portal page's time goes: starts the stack, seeds benchmark volume, starts a second
// portal process on the same data under `node --cpu-prof` (Node refuses it in NODE_OPTIONS),
// requests one URL many times, stops that portal (which writes its profile) and prints the
// functions and files with the most self time, and the page's median latency.
//   tsx scripts/profile-portal.ts [path] — PROFILE_SAMPLES (300), BENCH_SEED_ACCOUNTS (10000),
//   BENCH_SEED_MESSAGES (100000), DATABASE_URL for PostgreSQL (a scratch database), PROFILE_BODY.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../lib/db";
import { findFreePort } from "../lib/testing/free-port";
import { ROOT } from "../lib/root";
import { bundlePortal } from "../stack/portal-bundle";
import { PORTAL_NODE_FLAGS } from "../stack/processes";
import { startStack } from "../stack/start-stack";
import { median } from "./bench/measure";
import { seedVolume } from "./bench/seed-volume";
import { signedInCookie } from "./bench/signed-in-cookie";
import { summarizeProfile } from "./bench/profile-summary";

const target = process.argv[2] ?? "/w/acme/smtp-accounts";
const SAMPLES = Number(process.env.PROFILE_SAMPLES ?? 300);

async function main() {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-profile-"));
  const env: Record<string, string> = { LOG_LEVEL: "warn" };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  const stack = await startStack({ env });
  const db = createDb(stack.env.DATABASE_URL);
  const port = await findFreePort();
  const portalUrl = `http://localhost:${port}`;
  const e = stack.env;
  const portal = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, ...PORTAL_NODE_FLAGS, bundlePortal(ROOT), "127.0.0.1", String(port), ROOT], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      ...Object.fromEntries(["DATA_DIR", "DATABASE_URL", "IDP_PORT", "RELAY_PORT", "RELAY_TLS_PORT", "LOG_LEVEL"].map((k) => [k, String(e[k as keyof typeof e])])),
      PORT: String(port),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: portalUrl,
      NEXTAUTH_SECRET: e.NEXTAUTH_SECRET,
    },
  });
  const exited = new Promise((r) => portal.once("exit", r));
  await new Promise<void>((resolve, reject) => {
    portal.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("portal ready") && resolve());
    portal.once("exit", (code) => reject(new Error(`profiled portal exited ${code}`)));
  });
  try {
    await seedVolume(db, stack.env, { workspaceSlug: "acme", accounts: Number(process.env.BENCH_SEED_ACCOUNTS ?? 10_000), messages: Number(process.env.BENCH_SEED_MESSAGES ?? 100_000) });
    const cookie = await signedInCookie(db, stack.env.NEXTAUTH_SECRET);
    // Alternately with the static help page, so both medians see the same load.
    const get = async (url: string, into: number[]) => {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      const body = Buffer.from(await res.arrayBuffer());
      const bytes = body.byteLength;
      if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
      // PROFILE_BODY=<file> keeps the page's last body, to see what its bytes are.
      if (process.env.PROFILE_BODY && url.endsWith(target)) fs.writeFileSync(process.env.PROFILE_BODY, body);
      into.push(performance.now() - t);
      return bytes;
    };
    const times: number[] = [];
    const help: number[] = [];
    let bytes = 0;
    for (let i = 0; i < SAMPLES; i++) {
      bytes = await get(`${portalUrl}${target}`, times);
      await get(`${portalUrl}/help/smtp-credentials`, help);
    }
    console.log(`${target}: ${Math.round(bytes / 1024)} KB, median ${median(times).toFixed(1)} ms over ${SAMPLES}; static help page ${median(help).toFixed(1)} ms (sampled alternately)`);
  } finally {
    portal.kill("SIGTERM");
    await exited;
    await db.$disconnect();
    await stack.stop();
    fs.rmSync(stack.dataDir, { recursive: true, force: true });
  }
  const files = fs.readdirSync(profileDir).map((f) => path.join(profileDir, f));
  const profile = files.find((f) => fs.readFileSync(f, "utf8").includes("next-server"));
  if (!profile) throw new Error(`no profile in ${profileDir}`);
  console.log(`profile: ${profile}`);
  summarizeProfile(JSON.parse(fs.readFileSync(profile, "utf8")));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
