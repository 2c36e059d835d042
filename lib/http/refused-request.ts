// Requests the portal answers before Next.js sees them, each with what was wrong:
// - TRACE, TRACK and CONNECT, which the fetch Request Next.js builds cannot represent (it threw,
//   a 500 with a stack trace in the log for anyone who asked);
// - a NUL character (%00) anywhere in the address: no page, filter or id holds one, and
//   PostgreSQL's text cannot (the query failed as a 500).
export type Refusal = { status: 400 | 405; text: string; headers?: Record<string, string> };

const UNSUPPORTED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

export function refusedRequest({ method, url }: { method: string; url: string }): Refusal | null {
  if (UNSUPPORTED_METHODS.has(method.toUpperCase()))
    return { status: 405, text: `Method not allowed: the portal answers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS, not ${method.toUpperCase()}.`, headers: { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" } };
  if (/%00/i.test(url) || url.includes("\0")) return { status: 400, text: "Bad request: the address contains a NUL character (%00), which no page or filter accepts. Remove it and try again." };
  return null;
}
