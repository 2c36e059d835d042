// Port checks before any process starts, so a taken port is one clear line, not a stack trace.
import type { Env } from "../lib/env";
import { isPortFree } from "../lib/net/is-port-free";
import { StartError } from "./start-error";

export async function checkPorts(env: Env): Promise<void> {
  const wanted: [string, string, number][] = [
    ["PORT", env.HOST, env.PORT],
    ["RELAY_PORT", env.RELAY_HOST, env.RELAY_PORT],
    ["RELAY_TLS_PORT", env.RELAY_HOST, env.RELAY_TLS_PORT],
  ];
  if (env.DEMO_MODE) wanted.push(["IDP_PORT", "127.0.0.1", env.IDP_PORT]);
  if (env.RELAY_METRICS_PORT) wanted.push(["RELAY_METRICS_PORT", env.RELAY_HOST, env.RELAY_METRICS_PORT]);
  for (const [name, host, port] of wanted) {
    if (!(await isPortFree(host, port))) throw new StartError(`${name} ${port} is already in use on ${host} — stop what uses it or set ${name} to a free port.`);
  }
}
