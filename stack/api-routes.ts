// The management API's route handlers, found on disk (app/api/v1/**/route.ts) and loaded, each
// with the HTTP methods it exports and its OpenAPI path: the derived list the document check
// and the authorization matrix walk, so a new route is covered without a list to keep.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { NOT_TAKEN } from "../lib/api/methods-not-taken";
import { ROOT } from "../lib/root";
import { listRouteHandlers } from "./route-handlers";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** `methods`: the handlers the route file defines; `notTaken` and `options`: what lib/api/methods-not-taken.ts answers for it. */
export type ApiRouteModule = { route: string; openApiPath: string; methods: Record<string, unknown>; notTaken: Record<string, unknown>; options: unknown };

/** "/api/v1/workspaces/[workspace]/x" → "/workspaces/{workspace}/x" (relative to the server URL /api/v1). */
export function openApiPathOf(route: string): string {
  return route.replace(/^\/api\/v1/, "").replace(/\[([^\]]+)\]/g, "{$1}");
}

export async function loadApiRoutes(): Promise<ApiRouteModule[]> {
  const routes = listRouteHandlers().filter((r) => r.startsWith("/api/v1/"));
  return Promise.all(
    routes.map(async (route) => {
      const exported = (await import(pathToFileURL(path.join(ROOT, "app", route.slice(1), "route.ts")).href)) as Record<string, unknown>;
      const handlers = HTTP_METHODS.filter((m) => typeof exported[m] === "function").map((m) => [m, exported[m]] as const);
      const isNotTaken = ([, h]: readonly [string, unknown]) => (h as Record<symbol, unknown>)[NOT_TAKEN] === true;
      return { route, openApiPath: openApiPathOf(route), methods: Object.fromEntries(handlers.filter((h) => !isNotTaken(h))), notTaken: Object.fromEntries(handlers.filter(isNotTaken)), options: exported.OPTIONS };
    }),
  );
}
