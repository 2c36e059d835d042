// Requests the portal answers before Next.js sees them, each with what was wrong:
// - TRACE, TRACK and CONNECT, which the fetch Request Next.js builds cannot represent (it threw,
//   a 500 with a stack trace in the log for anyone who asked);
// - a NUL character (%00) anywhere in the address: no page, filter or id holds one, and
//   PostgreSQL's text cannot (the query failed as a 500);
// - a path whose percent-encoding is not UTF-8 (%E0%A4%A, %FF, a lone %): Next.js failed to
//   decode the route's parameters, a plain-text 500 with nothing logged.
// The management API's paths (/api/v1/) are told as its problem details, everything else as text.
import { problemBody } from "../api/problem";

export type Refusal = { status: 400 | 405; text: string; headers?: Record<string, string> };

const UNSUPPORTED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

export function refusedRequest({ method, url }: { method: string; url: string }): Refusal | null {
  if (UNSUPPORTED_METHODS.has(method.toUpperCase()))
    return { status: 405, text: `Method not allowed: the portal answers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS, not ${method.toUpperCase()}.`, headers: { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" } };
  if (/%00/i.test(url) || url.includes("\0")) return { status: 400, text: "Bad request: the address contains a NUL character (%00), which no page or filter accepts. Remove it and try again." };
  const bad = malformedSegment(url);
  if (bad !== null) return { status: 400, text: `Bad request: the address has a malformed percent-encoding in "${bad.slice(0, 100)}" (each % must start a UTF-8 byte as two hex digits, e.g. %C3%A9 for é; a % itself is %25).` };
  return null;
}

/** The first path segment that does not decode as UTF-8, or null. */
function malformedSegment(url: string): string | null {
  const path = url.split(/[?#]/, 1)[0]!;
  for (const segment of path.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}

/** The refusal as the response its path expects: problem details under /api/v1/, text elsewhere. */
export function refusalResponse(refusal: Refusal, url: string): { status: number; contentType: string; body: string; headers: Record<string, string> } {
  const headers = refusal.headers ?? {};
  if (!url.startsWith("/api/v1/")) return { status: refusal.status, contentType: "text/plain; charset=utf-8", body: refusal.text, headers };
  const title = refusal.status === 405 ? "Method not allowed" : "Bad request";
  const body = problemBody("INVALID_INPUT", refusal.text.replace(/^[^:]+: /, ""), { status: refusal.status, title });
  return { status: refusal.status, contentType: "application/problem+json", body: JSON.stringify(body), headers };
}
