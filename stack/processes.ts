// Runs portal, relay and (in demo mode) IdP as child processes, waits until each answers,
// and stops all of them together.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { Env } from "../lib/env";
import { smtpGreets } from "../lib/health/smtp-probe";
import { ROOT } from "../lib/root";
import { bundleRelay, RELAY_NODE_FLAGS, RELAY_PROCESS_ENV } from "../relay/bundle";
import { bundlePortal } from "./portal-bundle";
import { StartError } from "./start-error";

export type ProcessName = "portal" | "relay" | "idp";

export type RunningStack = {
  env: Env;
  children: Map<ProcessName, ChildProcess>;
  /** Resolves when every child has exited. */
  stop(): Promise<void>;
  /** Resolves with the first child that exits on its own. */
  firstExit: Promise<{ name: ProcessName; code: number | null; signal: NodeJS.Signals | null }>;
};

type Output = (name: ProcessName, stream: "stdout" | "stderr", line: string) => void;

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

type Command = { name: ProcessName; command: string; args: string[]; env?: Readonly<Record<string, string>> };

/** `environment` is what the children inherit (the portal's NODE_OPTIONS add to its own). */
export function commandsFor(env: Env, environment: NodeJS.ProcessEnv): Command[] {
  const list: Command[] = [];
  if (env.DEMO_MODE) list.push({ name: "idp", command: bin("tsx"), args: ["idp/main.ts"] });
  // The relay runs bundled (relay/bundle.ts): no TypeScript loader in its process or threads.
  list.push({ name: "relay", command: process.execPath, args: [...RELAY_NODE_FLAGS, bundleRelay(ROOT)], env: RELAY_PROCESS_ENV });
  // Next.js behind our own small server, which hands the app the socket's peer address (bundled too).
  list.push({ name: "portal", command: process.execPath, args: [...PORTAL_NODE_FLAGS, bundlePortal(ROOT), env.HOST, String(env.PORT), ROOT], env: { NODE_OPTIONS: portalNodeOptions(environment.NODE_OPTIONS) } });
  return list;
}

/**
 * V8 compiles every function to baseline code (Sparkplug) the first time it runs, instead of
 * interpreting it until it is called often: the first requests after a restart, which run
 * rendering code the warm-up's redirects never reached, took ~11 % less in all (first request
 * to each of seven pages at 100,000 messages, 4 starts each: 410-425 ms against 420-518 ms),
 * for no measurable memory (portal RSS 334-353 MB against 341-345 MB). Node refuses it in
 * NODE_OPTIONS, so it is an argument.
 */
export const PORTAL_NODE_FLAGS: readonly string[] = ["--always-sparkplug"];

/**
 * The portal renders each page into a few MB of short-lived objects (a 50-row SMTP Accounts page:
 * its rows, their RSC payload and HTML). With V8's default young generation that is a scavenge
 * every few requests, and objects still alive at a scavenge are copied, then promoted to the old
 * generation and collected again later. A 32 MB semi-space (the default is 16) halves the
 * scavenges: measured on the SMTP Accounts page at benchmark volume, p50 21-23 -> 19-20 ms and
 * p99 32-88 -> 29-36 ms, for at most ~50 MB more resident memory.
 */
export function portalNodeOptions(inherited: string | undefined): string {
  return [inherited, "--max-semi-space-size=32"].filter(Boolean).join(" ");
}

export function runStack(env: Env, environment: NodeJS.ProcessEnv, output: Output): RunningStack {
  const children = new Map<ProcessName, ChildProcess>();
  const childEnv: NodeJS.ProcessEnv = {
    ...environment,
    DATA_DIR: env.DATA_DIR,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // next-auth reads these two from the environment itself.
    NEXTAUTH_URL: env.PORTAL_URL,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET,
  };
  let resolveFirst!: RunningStack["firstExit"] extends Promise<infer T> ? (v: T) => void : never;
  const firstExit = new Promise<Awaited<RunningStack["firstExit"]>>((r) => (resolveFirst = r));
  const exited: Promise<void>[] = [];

  for (const { name, command, args, env: own } of commandsFor(env, environment)) {
    const child = spawn(command, args, { cwd: ROOT, env: { ...childEnv, ...own }, stdio: ["ignore", "pipe", "pipe"] });
    children.set(name, child);
    pipeLines(child.stdout!, (line) => output(name, "stdout", line));
    pipeLines(child.stderr!, (line) => output(name, "stderr", line));
    exited.push(
      new Promise((resolve) =>
        child.once("exit", (code, signal) => {
          resolveFirst({ name, code, signal });
          resolve();
        }),
      ),
    );
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => {
        for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }, 10_000);
      await Promise.all(exited);
      clearTimeout(timer);
    })();
    return stopping;
  };
  return { env, children, stop, firstExit };
}

function pipeLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void) {
  let buffer = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffer += chunk;
    let i: number;
    while ((i = buffer.indexOf("\n")) >= 0) {
      onLine(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
    }
  });
  stream.on("end", () => buffer && onLine(buffer));
}

/** Waits until the IdP, the relay and the portal each answer, or a child exits first. */
export async function waitUntilReady(stack: RunningStack, timeoutMs = 60_000): Promise<void> {
  const { env } = stack;
  const deadline = Date.now() + timeoutMs;
  const checks: [string, () => Promise<boolean>][] = [];
  // Ready means a sign-in can complete: the IdP serves its discovery document and signing keys,
  // and the portal answers both its health check and next-auth's own route.
  if (env.DEMO_MODE) checks.push(["IdP", () => idpServesKeys(`http://127.0.0.1:${env.IDP_PORT}`)]);
  checks.push(["relay", () => smtpGreets(env.RELAY_HOST, env.RELAY_PORT)]);
  checks.push(["portal", async () => (await httpOk(`http://${env.HOST}:${env.PORT}/api/health`)) && httpOk(`http://${env.HOST}:${env.PORT}/api/auth/providers`)]);
  let exitedEarly: string | undefined;
  void stack.firstExit.then(({ name, code }) => (exitedEarly = `${name} exited (code ${code})`));
  for (const [what, check] of checks) {
    for (;;) {
      if (exitedEarly) throw new StartError(`Start-up failed: ${exitedEarly} before it was ready; see its output above.`);
      if (await check().catch(() => false)) break;
      if (Date.now() > deadline) throw new StartError(`Start-up failed: the ${what} did not become ready within ${timeoutMs / 1000} s.`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

async function idpServesKeys(base: string): Promise<boolean> {
  const discovery = await fetch(`${base}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2000) });
  if (!discovery.ok) return false;
  const { jwks_uri } = (await discovery.json()) as { jwks_uri?: string };
  if (!jwks_uri) return false;
  // The issuer names the public host (localhost); the keys are read on the loopback address.
  const jwks = await fetch(`${base}${new URL(jwks_uri).pathname}`, { signal: AbortSignal.timeout(2000) });
  return jwks.ok && ((await jwks.json()) as { keys?: unknown[] }).keys?.length !== 0;
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}
