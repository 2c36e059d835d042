// Entry point of the embedded demo IdP: `tsx idp/main.ts`. Reads the configuration contract,
// listens on 127.0.0.1:IDP_PORT, and stops cleanly on SIGTERM/SIGINT.
import { ConfigError, getEnv, type Env } from "../lib/env";
import { createLogger } from "./log";

async function main(): Promise<void> {
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  if (!env.DEMO_MODE) {
    return fail("Configuration error: DEMO_MODE is off (OIDC_ISSUER is set): the embedded IdP runs in demo mode only.");
  }

  const log = createLogger(env.LOG_LEVEL);
  const { PortInUseError, startIdp } = await loadServer();
  let idp;
  try {
    idp = await startIdp(env, log);
  } catch (error) {
    if (error instanceof PortInUseError) return fail(error.message);
    throw error;
  }
  // Printed regardless of LOG_LEVEL: the start script and people wait for this line.
  process.stdout.write(`idp listening on http://localhost:${idp.port}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    idp.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(`idp: error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * oidc-provider 9 prints "Unsupported runtime" on any Node below 22 when imported. The product
 * targets Node >= 20.18 and the IdP's tests pass there, so that one line is dropped to keep the
 * start-up output (and a failure's single line) clean; every other warning still shows.
 */
async function loadServer(): Promise<typeof import("./server")> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("oidc-provider WARNING: Unsupported runtime.")) return;
    warn(...args);
  };
  try {
    return await import("./server");
  } finally {
    console.warn = warn;
  }
}

function fail(line: string): void {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`idp: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
