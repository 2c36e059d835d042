// Next.js answers a method a route file does not export with a bare 405 and no body, and its
// automatic OPTIONS lists every method the file exports. Every error of the management API is
// problem details (problem.ts), so each route file under app/api/v1/ ends with
//   export const { PUT, PATCH, DELETE, OPTIONS } = methodsNotTaken("GET", "POST");
// naming the methods it defines and taking the others from here: each answers 405 with problem
// details and an Allow header, and OPTIONS lists what the path takes. stack/api-routes.ts tells
// these apart from the file's own handlers; lib/api/openapi.integration.test.ts fails for a route
// file that leaves a method to Next.js.
import type { HttpMethod } from "./operation";
import { problem } from "./problem";

/** Marks a handler as the answer to a method its route does not take. */
export const NOT_TAKEN = Symbol.for("migosmtp.api.method-not-taken");

type Handler = (() => Promise<Response>) & { [NOT_TAKEN]: true };

export function methodsNotTaken(...taken: HttpMethod[]): Record<HttpMethod | "OPTIONS", Handler> {
  const allow = [...taken, ...(taken.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const handler = (answer: () => Response): Handler => Object.assign(async () => answer(), { [NOT_TAKEN]: true as const });
  const notTaken = (method: HttpMethod) =>
    handler(() =>
      problem("INVALID_INPUT", `This path does not take ${method}; it takes ${allow}. The API reference (/api-reference) lists them.`, { status: 405, title: "Method not allowed", headers: { allow } }),
    );
  return {
    GET: notTaken("GET"),
    POST: notTaken("POST"),
    PUT: notTaken("PUT"),
    PATCH: notTaken("PATCH"),
    DELETE: notTaken("DELETE"),
    OPTIONS: handler(() => new Response(null, { status: 204, headers: { allow } })),
  };
}
