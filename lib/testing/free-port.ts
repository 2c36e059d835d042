// A port the OS considers free right now, for tests and the harness (bound, read, released).
// Picked below the kernel's ephemeral range (32768–60999 on Linux): a port from listen(0) comes
// from that range, which outgoing connections (the database's, the browser's) also draw from, so
// one of them could take it before the process meant to listen there starts ("IDP_PORT … is
// already in use" in an e2e start). Between 20000 and 32767 only listeners like ours compete.
import net from "node:net";
import { isPortFree } from "../net/is-port-free";

const LOW = 20_000;
const HIGH = 32_767;

export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (await isPortFree(host, port)) return port;
  }
  return listenOnAny(host);
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
