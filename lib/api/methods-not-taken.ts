// Next.js answers a method a route file does not export with a bare 405 and no body, but every
// error of the management API is problem details (problem.ts). Each route file under app/api/v1/
// ends with `export * from "@/lib/api/methods-not-taken"`: a module's own exports shadow the ones
// `export *` brings, so the methods the file defines answer as written and these answer the rest.
// stack/api-routes.ts tells them apart, and lib/api/openapi.integration.test.ts fails for a route
// file without the line.

/** Marks a handler as the answer to a method its route does not take. */
export const NOT_TAKEN = Symbol.for("migosmtp.api.method-not-taken");

function notTaken(method: string) {
  const handler = async (): Promise<Response> => {
    const body = {
      type: "urn:migosmtp:problem:method_not_allowed",
      title: "Method not allowed",
      status: 405,
      detail: `This path does not take ${method}. The API reference (/api-reference) lists the methods each path takes.`,
      code: "INVALID_INPUT",
    };
    return new Response(JSON.stringify(body), { status: 405, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } });
  };
  return Object.assign(handler, { [NOT_TAKEN]: true });
}

export const GET = notTaken("GET");
export const POST = notTaken("POST");
export const PUT = notTaken("PUT");
export const PATCH = notTaken("PATCH");
export const DELETE = notTaken("DELETE");
