// The portal's HTTP server: Next.js's request handler behind a plain Node server, run instead of
// `next start` (bundled, like the relay: stack/portal-bundle.ts) for two things Next.js cannot do here:
// - hand the app the socket's peer address (Next keeps a client's own X-Forwarded-For and
//   exposes no socket), in PEER_HEADER, always overwritten so no client can set it;
// - redirect a request for another host name to PORTAL_URL (lib/http/canonical-host.ts). In
//   proxy.ts that redirect is impossible: Next makes a Location that matches its own idea of its
//   address (localhost:PORT, whatever the Host) relative, which loops.
import http from "node:http";
import path from "node:path";
import next from "next";
import { ConfigError, getEnv } from "../lib/env";
import { canonicalRedirect, requestHost } from "../lib/http/canonical-host";
import { refusalResponse, refusedRequest } from "../lib/http/refused-request";
import { securityHeaders } from "../lib/http/content-security-policy";
import { PEER_HEADER } from "../lib/net/peer-header";
import { closeWarmUp, openWarmUp, WARM_UP_HEADER } from "../lib/warm-up/principal";
import { warmUp } from "./portal-warm-up";

async function main(): Promise<void> {
  // `node .portal-build/<hash>/portal-server.mjs <host> <port> <checkout>` (stack/processes.ts
  // passes env.HOST, env.PORT and the checkout whose .next build to serve; bundled, this file
  // no longer sits in the checkout's scripts/ folder).
  const host = process.argv[2] || "127.0.0.1";
  const port = Number(process.argv[3] || 3000);
  const dir = path.resolve(process.argv[4] || process.cwd());
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const app = next({ dev: false, dir, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const serve: http.RequestListener = (req, res) => {
    const peer = req.socket.remoteAddress ?? "";
    req.headers[PEER_HEADER] = peer;
    const url = new URL(req.url ?? "/", "http://portal.invalid");
    const to = canonicalRedirect(
      { method: req.method ?? "GET", host: requestHost(req.headers, peer, env.TRUSTED_PROXIES), pathname: url.pathname, search: url.search },
      env.PORTAL_URL,
    );
    if (to) {
      res.writeHead(307, { Location: to, "Cache-Control": "no-store", ...securityHeaders(env.PORTAL_URL), "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'" });
      res.end();
      return;
    }
    const refused = refusedRequest({ method: req.method ?? "GET", url: req.url ?? "/" });
    if (refused) {
      const answer = refusalResponse(refused, req.url ?? "/");
      res.writeHead(answer.status, { "Content-Type": answer.contentType, "Cache-Control": "no-store", ...securityHeaders(env.PORTAL_URL), "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'", ...answer.headers });
      res.end(answer.body);
      return;
    }
    void handle(req, res);
  };
  // No client can claim to be the warm-up (lib/warm-up/principal.ts).
  const listener: http.RequestListener = (req, res) => {
    delete req.headers[WARM_UP_HEADER];
    serve(req, res);
  };
  // Warm before listening (scripts/portal-warm-up.ts): the first visitor after a restart does not
  // wait for the modules to load, and nothing (a health probe included) reaches a cold portal.
  if (env.PORTAL_WARM_UP) {
    const principal = openWarmUp();
    const warmListener: http.RequestListener = (req, res) => {
      req.headers[WARM_UP_HEADER] = principal;
      serve(req, res);
    };
    const rounds = env.PORTAL_WARM_UP_ROUNDS;
    const warm = await warmUp({ listener: warmListener, portalUrl: env.PORTAL_URL, secret: env.NEXTAUTH_SECRET, distDir: path.join(dir, ".next"), rounds }).finally(closeWarmUp);
    if (warm.failed > 0) process.stderr.write(`portal: warm-up: ${warm.failed} of ${warm.requests} routes did not answer; the first requests to them will be slower\n`);
    else process.stdout.write(`portal warmed ${warm.requests} routes ${rounds}× (${warm.rendered} rendered) in ${warm.ms} ms\n`);
  }

  const server = http.createServer(listener);
  server.keepAliveTimeout = 65_000;
  server.once("error", (error: NodeJS.ErrnoException) => {
    process.stderr.write(`portal: ${error.code === "EADDRINUSE" ? `PORT ${port} is already in use — set PORT to a free port` : error.message}\n`);
    process.exit(1);
  });
  // No URL here: the address to use is PORTAL_URL, which the start script prints.
  server.listen(port, host, () => process.stdout.write("portal ready\n"));

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
}

main().catch((error: unknown) => {
  // One line, never a stack trace (e.g. no production build: `npm start` builds one).
  process.stderr.write(`portal: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
  process.exit(1);
});
