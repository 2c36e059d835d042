import http from "node:http";
import { decode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { warmUp, warmUpPaths } from "./portal-warm-up";

const MANIFEST = {
  "/(auth)/signin/page": "/signin",
  "/_global-error/page": "/_global-error",
  "/_not-found/page": "/_not-found",
  "/api/auth/[...nextauth]/route": "/api/auth/[...nextauth]",
  "/api/health/route": "/api/health",
  "/api/v1/openapi.json/route": "/api/v1/openapi.json",
  "/api/v1/workspaces/[workspace]/smtp-accounts/route": "/api/v1/workspaces/[workspace]/smtp-accounts",
  "/w/[workspace]/smtp-accounts/(list)/page": "/w/[workspace]/smtp-accounts",
  "/w/[workspace]/smtp-accounts/[accountId]/page": "/w/[workspace]/smtp-accounts/[accountId]",
};

function distDirWith(manifest: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-warm-up-"));
  fs.writeFileSync(path.join(dir, "app-path-routes-manifest.json"), JSON.stringify(manifest));
  return dir;
}

describe("the portal's warm-up", () => {
  it("asks for every page and route of the build with its dynamic segments filled in, but not the error pages or the management API's workspace routes", () => {
    expect(warmUpPaths(MANIFEST)).toEqual(["/api/auth/warm-up", "/api/health", "/api/v1/openapi.json", "/signin", "/w/warm-up/smtp-accounts", "/w/warm-up/smtp-accounts/warm-up"]);
  });

  it("requests each path once through the portal's own handler, as the portal's host, with a signed session cookie that names no session", async () => {
    const seen: { url: string; host: string | undefined; cookie: string | undefined; peer: string | undefined }[] = [];
    const listener: http.RequestListener = (req, res) => {
      seen.push({ url: req.url!, host: req.headers.host, cookie: req.headers.cookie, peer: req.socket.remoteAddress });
      res.writeHead(req.url === "/api/health" ? 200 : 307).end();
    };
    const secret = "a-test-secret-of-some-length-000000";
    const result = await warmUp({ listener, distDir: distDirWith(MANIFEST), portalUrl: "https://smtp-portal.example.com", secret });
    expect(result).toMatchObject({ requests: 6, failed: 0 });
    expect(seen.map((s) => s.url).sort()).toEqual(warmUpPaths(MANIFEST));
    expect(new Set(seen.map((s) => s.host))).toEqual(new Set(["smtp-portal.example.com"]));
    expect(new Set(seen.map((s) => s.peer))).toEqual(new Set(["127.0.0.1"]));
    const token = await decode({ token: seen[0]!.cookie!.replace("next-auth.session-token=", ""), secret });
    expect(token?.sid).toMatch(/^warm-up-/);
  });

  it("counts a route that answers 5xx or never answers as failed, and still returns", async () => {
    const listener: http.RequestListener = (req, res) => {
      if (req.url === "/signin") return res.writeHead(500).end();
      if (req.url === "/api/health") return; // never answers
      res.writeHead(200).end();
    };
    const result = await warmUp({ listener, distDir: distDirWith(MANIFEST), portalUrl: "http://localhost:3000", secret: "s".repeat(32), timeoutMs: 1_000 });
    expect(result.failed).toBe(2);
  });

  it("asks for each path once a round, counting a route that fails once", async () => {
    const seen: string[] = [];
    const listener: http.RequestListener = (req, res) => {
      seen.push(req.url!);
      res.writeHead(req.url === "/signin" ? 500 : 200).end();
    };
    const result = await warmUp({ listener, distDir: distDirWith(MANIFEST), portalUrl: "http://localhost:3000", secret: "s".repeat(32), rounds: 3 });
    expect(seen.sort()).toEqual(warmUpPaths(MANIFEST).flatMap((p) => [p, p, p]).sort());
    expect(result).toMatchObject({ requests: 6, failed: 1, rendered: 5 });
  });

  it("does nothing when the build has no route manifest", async () => {
    const result = await warmUp({ listener: () => {}, distDir: fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-warm-up-")), portalUrl: "http://localhost:3000", secret: "s".repeat(32) });
    expect(result).toEqual({ requests: 0, failed: 0, rendered: 0, ms: 0 });
  });
});
