// The portal's HTTP server: Next.js's request handler behind a plain Node server, run instead of
// `next start` so the app learns the socket's peer address (Next keeps a client's own
// X-Forwarded-For and exposes no socket, so the real peer would be lost). The header is always
// overwritten here, so no client can set it. Keep the name in step with lib/net/peer-header.ts.
import http from "node:http";
import path from "node:path";
import next from "next";

const PEER_HEADER = "x-migosmtp-peer";
// `node scripts/portal-server.mjs <host> <port>` (lib/stack/processes.ts passes env.HOST and env.PORT).
const host = process.argv[2] || "127.0.0.1";
const port = Number(process.argv[3] || 3000);

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.once("error", (error) => {
  process.stderr.write(`portal: ${error.code === "EADDRINUSE" ? `PORT ${port} is already in use — set PORT to a free port` : error.message}\n`);
  process.exit(1);
});
// No URL here: the address to use is PORTAL_URL, which the start script prints.
server.listen(port, host, () => process.stdout.write("portal ready\n"));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
