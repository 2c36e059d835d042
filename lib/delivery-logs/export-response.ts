// The HTTP side of the exports: a streamed download with a dated file name.

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
