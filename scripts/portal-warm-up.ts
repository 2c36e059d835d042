// Before the portal listens on its port, it asks itself for each route of the build once, on a
// loopback port of its own, so the first person after a restart (or a deploy) does not pay for
// the process's first requests: loading and evaluating each route's modules and the proxy's,
// React's first renders, opening the database. `npm run bench -- portal`'s cold pass measures it.
//
// The requests carry a session cookie that is signed but names no session (the proxy lets them
// through), and portal-server.ts gives them the warm-up's principal (lib/warm-up/principal.ts):
// an owner of a workspace that does not exist, so each workspace page renders its empty state,
// and nothing is read, written or audited for anyone. The routes come from the build's own
// manifest, so a new page is warmed without a list to keep.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { encode } from "next-auth/jwt";

/**
 * Route paths of the build with each dynamic segment ("[workspace]", "[...nextauth]") filled in.
 * Not the management API's workspace routes: each refused token is logged as a warning for the
 * operator, and a warm-up should not fill the log with them.
 */
export function warmUpPaths(manifest: Record<string, string>): string[] {
  const paths = Object.values(manifest)
    .filter((route) => !/(^|\/)_(global-error|not-found)$/.test(route) && !route.startsWith("/api/v1/workspaces/"))
    .map((route) => route.replace(/\[(\.\.\.)?[^\]/]+\]/g, "warm-up"));
  return [...new Set(paths)].sort();
}

/** `requests`: routes asked for; `failed` and `rendered` (answered 200: a page rendered, not a redirect or a refusal) count routes in the first round. */
export type WarmUp = { requests: number; failed: number; rendered: number; ms: number };

/**
 * GETs every route `rounds` times, a few at a time, through `listener` on a loopback port of its
 * own, as `portalUrl`'s host (the canonical-host redirect would otherwise answer instead of the
 * route). One round loads each route's modules; V8 compiles the rendering code it runs often only
 * after several, and `npm run bench -- portal`'s cold pass measured the first requests after a
 * restart 5–20 % faster (p50, 11 of 13 rows) with 5 rounds than with 1.
 * Never throws: a warm-up that fails leaves a portal that is merely slower to its first answers.
 */
export async function warmUp({ listener, distDir, portalUrl, secret, rounds = 1, concurrency = 2, timeoutMs = 20_000 }: { listener: http.RequestListener; distDir: string; portalUrl: string; secret: string; rounds?: number; concurrency?: number; timeoutMs?: number }): Promise<WarmUp> {
  const started = performance.now();
  let paths: string[];
  try {
    paths = warmUpPaths(JSON.parse(fs.readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8")));
  } catch {
    return { requests: 0, failed: 0, rendered: 0, ms: 0 };
  }
  // A session id nobody has: the lookup runs and finds nothing.
  const cookie = `next-auth.session-token=${await encode({ token: { sid: `warm-up-${randomBytes(16).toString("base64url")}` }, secret })}`;
  const headers = { host: new URL(portalUrl).host, cookie };
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const deadline = Date.now() + timeoutMs;
  let failed = 0;
  let rendered = 0;
  let next = 0;
  const queue = Array.from({ length: rounds }, () => paths).flat();
  const worker = async () => {
    while (next < queue.length && Date.now() < deadline) {
      const first = next < paths.length;
      const status = await get(port, queue[next++]!, headers, Math.max(1, deadline - Date.now()));
      if (first && status >= 500) failed++;
      if (first && status === 200) rendered++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return { requests: paths.length, failed: failed + Math.max(0, paths.length - next), rendered, ms: Math.round(performance.now() - started) };
}

/** The answer's status; 500 when there was none (an error or the timeout). */
function get(port: number, target: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: target, headers, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 500));
      res.once("error", () => resolve(500));
    });
    req.once("timeout", () => req.destroy());
    req.once("error", () => resolve(500));
  });
}
