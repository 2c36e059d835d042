// The HTTP side of the exports: the route handler's authorisation answers as the pages do
// (a foreign or unknown workspace is 404), and a download with a dated file name.
import type { ContextResult } from "../auth/workspace-context";

export function contextFailure(result: Extract<ContextResult, { ok: false }>): Response {
  const status = result.code === "UNAUTHENTICATED" ? 401 : result.code === "FORBIDDEN" ? 403 : 404;
  return new Response(status === 404 ? "Not found" : status === 401 ? "Sign in first" : "Forbidden", { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export function csvResponse(stream: ReadableStream<Uint8Array>, name: string, now = new Date()): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-${now.toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
