// A port the OS considers free right now, for tests and the harness (bound, read, released).
// Picked below the kernel's ephemeral range (32768–60999 on Linux): a port from listen(0) comes
// from that range, which outgoing connections (the database's, the browser's) also draw from, so
// one of them could take it before the process meant to listen there starts ("IDP_PORT … is
// already in use" in an e2e start). Between 20000 and 32767 only listeners like ours compete.
import net from "node:net";
import { isPortFree } from "../net/is-port-free";

const LOW = 20_000;
const HIGH = 32_767;

/** Ports this process handed out: a stack's ports are picked one after another and bound later. */
const handedOut = new Set<number>();

/**
 * A port nothing listens on and no caller in this process was given. A port is free from the
 * check until its process binds it, seconds later for a stack's relay; vitest's workers each pick
 * from a slice of their own (VITEST_POOL_ID), so another test file cannot take it meanwhile
 * ("RELAY_METRICS_PORT … is already in use" failed a start in CI).
 */
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  const [low, high] = portSlice(process.env.VITEST_POOL_ID);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (handedOut.has(port) || !(await isPortFree(host, port))) continue;
    handedOut.add(port);
    return port;
  }
  return listenOnAny(host);
}

const SLICES = 8;

/** The ports a vitest worker picks from (outside vitest, all of them). */
export function portSlice(poolId: string | undefined): [number, number] {
  const id = Number(poolId);
  if (!Number.isInteger(id) || id < 1) return [LOW, HIGH];
  const size = Math.floor((HIGH - LOW + 1) / SLICES);
  const start = LOW + ((id - 1) % SLICES) * size;
  return [start, start + size - 1];
}

function listenOnAny(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host, port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
