// Test helpers for driving the IdP over real HTTP like a browser and an RP would: a cookie jar
// that honours Path and expiry, PKCE, a free port, and a demo-mode env in a temp DATA_DIR.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseEnv, type Env } from "../lib/env";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-idp-"));
}

export const TEST_PASSWORD = "correct-horse-battery";
export const PORTAL_URL = "http://localhost:39999";

export function testEnv(dataDir: string, idpPort: number, overrides: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    IDP_PORT: String(idpPort),
    PORTAL_URL,
    LOG_LEVEL: "warn",
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    CREDENTIALS_KEYS: `k1:${crypto.randomBytes(32).toString("base64")}`,
    VERIFIER_KEY: crypto.randomBytes(32).toString("base64"),
    DEMO_OIDC_CLIENT_SECRET: crypto.randomBytes(24).toString("base64url"),
    IDP_COOKIE_KEYS: `${crypto.randomBytes(24).toString("base64url")},${crypto.randomBytes(24).toString("base64url")}`,
    DEV_IDP_PASSWORD: TEST_PASSWORD,
    ...overrides,
  });
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString("base64url");
  return { verifier, challenge: crypto.createHash("sha256").update(verifier).digest("base64url") };
}

type StoredCookie = { name: string; value: string; path: string; expires?: number; attributes: Set<string> };

/** A minimal browser cookie store for one host: enough of RFC 6265 for oidc-provider's cookies. */
export class CookieJar {
  private cookies = new Map<string, StoredCookie>();

  store(response: Response, requestUrl: string): void {
    const requestPath = new URL(requestUrl).pathname;
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attrs] = header.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const cookie: StoredCookie = { name, value, path: defaultPath(requestPath), attributes: new Set() };
      for (const attr of attrs) {
        const [k = "", v = ""] = attr.split("=");
        const key = k.toLowerCase();
        if (key === "path" && v.startsWith("/")) cookie.path = v;
        else if (key === "expires") cookie.expires = Date.parse(v);
        else if (key === "max-age") cookie.expires = Date.now() + Number(v) * 1000;
        cookie.attributes.add(v ? `${key}=${v.toLowerCase()}` : key);
      }
      const key = `${cookie.name};${cookie.path}`;
      if (cookie.expires !== undefined && cookie.expires <= Date.now()) this.cookies.delete(key);
      else this.cookies.set(key, cookie);
    }
  }

  header(url: string): string {
    const p = new URL(url).pathname;
    return [...this.cookies.values()]
      .filter((c) => (c.expires === undefined || c.expires > Date.now()) && pathMatches(p, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  all(): StoredCookie[] {
    return [...this.cookies.values()];
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [k, c] of this.cookies) copy.cookies.set(k, { ...c, attributes: new Set(c.attributes) });
    return copy;
  }
}

function defaultPath(requestPath: string): string {
  const i = requestPath.lastIndexOf("/");
  return i <= 0 ? "/" : requestPath.slice(0, i);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

/** fetch without following redirects, sending and storing the jar's cookies. */
export async function browserFetch(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set("cookie", cookie);
  const res = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(res, url);
  return res;
}

/** Follows redirects within the IdP like a browser; stops at the first response that is not a redirect to the IdP. */
export async function followWithinIdp(jar: CookieJar, issuer: string, first: Response, firstUrl: string): Promise<{ res: Response; url: string }> {
  let res = first;
  let url = firstUrl;
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) return { res, url };
    const next = new URL(location, url).href;
    if (!next.startsWith(`${issuer}/`)) return { res, url };
    await res.arrayBuffer();
    url = next;
    res = await browserFetch(jar, url);
  }
  throw new Error("too many redirects");
}

export function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h = "", p = ""] = jwt.split(".");
  return {
    header: JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Record<string, unknown>,
  };
}

/** Verifies an RS256/ES256 JWS against a JWKS with node:crypto (no library in the loop). */
export function verifyJwt(jwt: string, jwks: { keys: (crypto.JsonWebKey & { kid?: string })[] }): boolean {
  const [h = "", p = "", s = ""] = jwt.split(".");
  const { header } = decodeJwt(jwt);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) return false;
  const key = crypto.createPublicKey({ key: jwk, format: "jwk" });
  const data = Buffer.from(`${h}.${p}`);
  const sig = Buffer.from(s, "base64url");
  if (header.alg === "RS256") return crypto.verify("sha256", data, key, sig);
  if (header.alg === "ES256") return crypto.verify("sha256", data, { key, dsaEncoding: "ieee-p1363" }, sig);
  return false;
}
