// Runs before every portal request, in this order: refuses writes whose Origin is not the
// portal (CSRF, server actions included); sends a request for another host name to PORTAL_URL;
// gives the response a fresh CSP nonce and the hardening headers; sends a visitor without a
// session cookie to sign-in (with a return path); and tells server components which path was
// asked for. The real checks happen on the server for every page, action and route (lib/auth/).
// The rules themselves live in lib/http/.
import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { canonicalRedirect } from "@/lib/http/canonical-host";
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from "@/lib/http/content-security-policy";
import { isRefusedWrite } from "@/lib/http/same-origin-write";
import { isTrusted, normaliseIp } from "@/lib/net/cidr";
import { PEER_HEADER } from "@/lib/net/peer-header";

const PUBLIC = [/^\/signin$/, /^\/help\//, /^\/api\/auth\//, /^\/api\/health$/, /^\/_next\//, /^\/favicon\.ico$/];

export function proxy(request: NextRequest) {
  const env = getEnv();
  const portalOrigin = new URL(env.PORTAL_URL).origin;
  const { pathname, search } = request.nextUrl;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const harden = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  };

  if (isRefusedWrite(request.method, request.headers.get("origin"), portalOrigin)) {
    return harden(new NextResponse("Refused: this request did not come from the portal's own pages.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
  }

  const canonical = canonicalRedirect({ method: request.method, host: requestHost(request), pathname, search }, env.PORTAL_URL);
  if (canonical) return harden(NextResponse.redirect(canonical, 307));

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

/** The host the client addressed: Host, or X-Forwarded-Host when a trusted proxy forwarded the request. */
function requestHost(request: NextRequest): string | null {
  const peer = normaliseIp(request.headers.get(PEER_HEADER) ?? "");
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (peer && forwarded && isTrusted(getEnv().TRUSTED_PROXIES, peer)) return forwarded;
  return request.headers.get("host");
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
