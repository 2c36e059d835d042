// The test harness: the whole stack — portal, relay, IdP — on free ports
// with a temporary data directory, exactly as `npm start` runs it. Used by integration tests
// and Playwright's global setup. The portal must already be built (npm test builds it once).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Env, withoutSettings } from "../lib/env";
import { findFreePort } from "../lib/testing/free-port";
import { prepareStack } from "./prepare";
import { runStack, waitUntilReady } from "./processes";

export type StartStackOptions = {
  /** Variables layered over the harness defaults (limits, timeouts, DATABASE_URL…). */
  env?: Record<string, string>;
  /** Defaults to a fresh temporary directory. */
  dataDir?: string;
  /** How long the processes may take to answer (60 s; a benchmark on a loaded machine needs more). */
  readyTimeoutMs?: number;
};

export type Stack = {
  env: Env;
  dataDir: string;
  portalUrl: string;
  /** Everything the three processes printed so far (for tests that check logs for secrets). */
  logs(): string;
  /** The process id of one part (for benchmarks that read its memory). */
  pid(name: "portal" | "relay" | "idp"): number | undefined;
  stop(): Promise<void>;
};

export async function startStack({ env: overrides = {}, dataDir, readyTimeoutMs }: StartStackOptions = {}): Promise<Stack> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-stack-"));
  const [port, idpPort, relayPort, relayTlsPort, metricsPort] = await distinctFreePorts(5);
  // Hermetic: nothing of the caller's product settings leaks in; every port is free-picked.
  const environment: NodeJS.ProcessEnv = {
    ...withoutSettings(process.env),
    DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "migosmtp.db")}`,
    PORT: String(port),
    IDP_PORT: String(idpPort),
    RELAY_PORT: String(relayPort),
    RELAY_TLS_PORT: String(relayTlsPort),
    RELAY_METRICS_PORT: String(metricsPort),
    RELAY_REVERSE_DNS: "false",
    WEBHOOK_ALLOW_PRIVATE: "true",
    ...overrides,
  };
  const env = await prepareStack({ environment, build: false });
  const output: string[] = [];
  const logFile = fs.createWriteStream(path.join(dir, "stack.log"));
  const stack = runStack(env, environment, (name, stream, line) => {
    const entry = `[${name}:${stream}] ${line}`;
    output.push(entry);
    logFile.write(`${entry}\n`);
    if (process.env.STACK_VERBOSE) console.log(entry);
  });
  const stop = async () => {
    await stack.stop();
    logFile.end();
  };
  try {
    // A machine shared with other test runs may need longer than the default minute.
    await waitUntilReady(stack, readyTimeoutMs ?? (Number(process.env.STACK_READY_TIMEOUT_MS) || undefined));
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- stack output ---\n${output.slice(-40).join("\n")}`);
  }
  return { env, dataDir: dir, portalUrl: env.PORTAL_URL, logs: () => output.join("\n"), pid: (name) => stack.children.get(name)?.pid, stop };
}

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await findFreePort());
  return [...ports];
}
