// One canonical address for the portal: a page asked for under another host name (say
// 127.0.0.1 while PORTAL_URL says localhost) is sent to the same path at PORTAL_URL before
// anything else happens, because sign-in's state cookie and the OAuth callback live on
// PORTAL_URL's host and a sign-in begun elsewhere cannot complete.
import { isTrusted, normaliseIp, type TrustedProxies } from "../net/cidr";
export type CanonicalInput = {
  method: string;
  /** The host the request was addressed to (Host, or X-Forwarded-Host from a trusted proxy). */
  host: string | null;
  pathname: string;
  search: string;
};

// Probes and monitors may use any address the server answers on.
const ANY_HOST = [/^\/api\/health$/];

/** The URL to redirect to, or null when the request may be served where it is. */
export function canonicalRedirect(input: CanonicalInput, portalUrl: string): string | null {
  const portal = new URL(portalUrl);
  if ((input.host ?? "").trim().toLowerCase() === portal.host) return null;
  if (ANY_HOST.some((p) => p.test(input.pathname))) return null;
  // Only reads are redirected; a write on the wrong host is refused by the Origin check instead
  // (a redirected POST would be replayed at another origin).
  if (!["GET", "HEAD"].includes(input.method.toUpperCase())) return null;
  // The path is appended to the origin, so even "//x" stays a path of PORTAL_URL.
  return `${portal.origin}${input.pathname.startsWith("/") ? "" : "/"}${input.pathname}${input.search}`;
}

/** The host the client addressed: Host, or X-Forwarded-Host when a trusted proxy forwarded the request. */
export function requestHost(headers: Record<string, string | string[] | undefined>, peer: string, trusted: TrustedProxies): string | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0]?.trim() || null;
  const forwarded = first(headers["x-forwarded-host"]);
  const peerIp = normaliseIp(peer);
  if (forwarded && peerIp && isTrusted(trusted, peerIp)) return forwarded;
  return first(headers["host"]);
}
