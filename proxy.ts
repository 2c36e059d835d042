// Runs before every portal request, in this order: refuses writes whose Origin is not the
// portal (CSRF, server actions included); gives the response a fresh CSP nonce and the
// hardening headers; sends a visitor without a session cookie to sign-in (with a return path);
// and tells server components which path was asked for. The real checks happen on the server for every page, action and route (lib/auth/).
// The rules themselves live in lib/http/. (Requests for another host name than PORTAL_URL's
// were already redirected by scripts/portal-server.ts.)
import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/http/content-security-policy";
import { isRefusedWrite } from "@/lib/http/same-origin-write";

/** The management API (app/api/v1/): bearer tokens only (lib/api/handler.ts). */
const API_PATH = /^\/api\/v1\//;

const PUBLIC = [/^\/signin$/, /^\/help\//, /^\/api\/auth\//, /^\/api\/health$/, /^\/_next\//, /^\/favicon\.ico$/, API_PATH];

export function proxy(request: NextRequest) {
  const env = getEnv();
  const portalOrigin = new URL(env.PORTAL_URL).origin;
  const { pathname, search } = request.nextUrl;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const harden = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    for (const [name, value] of Object.entries(securityHeaders(env.PORTAL_URL))) response.headers.set(name, value);
    return response;
  };

  // The management API authenticates every call by its bearer token, never by a cookie, so a
  // forged cross-site request carries no credentials: the Origin rule is for cookie sessions.
  if (!API_PATH.test(pathname) && isRefusedWrite(request.method, request.headers.get("origin"), portalOrigin)) {
    return harden(new NextResponse("Refused: this request did not come from the portal's own pages.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
  }

  const headers = new Headers(request.headers);
  headers.set("x-migosmtp-path", `${pathname}${search}`);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  headers.set("Content-Security-Policy", csp);
  const hasSession = request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  // Server actions answer for themselves with a typed UNAUTHENTICATED result.
  const isAction = request.headers.has("next-action");
  if (!hasSession && !isAction && !PUBLIC.some((p) => p.test(pathname))) {
    const url = new URL("/signin", portalOrigin);
    url.search = `?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
    return harden(NextResponse.redirect(url));
  }
  return harden(NextResponse.next({ request: { headers } }));
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
