// Runs before every portal request: sends a visitor without a session cookie to sign-in
// (with a return path), and tells server components which path was asked for. The real
// checks happen on the server for every page, action and route (lib/auth/).
import { type NextRequest, NextResponse } from "next/server";

const PUBLIC = [/^\/signin$/, /^\/help\//, /^\/api\/auth\//, /^\/api\/health$/, /^\/_next\//, /^\/favicon\.ico$/];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  headers.set("x-migosmtp-path", `${pathname}${search}`);
  const hasSession = request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  // Server actions answer for themselves with a typed UNAUTHENTICATED result.
  const isAction = request.headers.has("next-action");
  if (!hasSession && !isAction && !PUBLIC.some((p) => p.test(pathname))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
