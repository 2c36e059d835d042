// The OpenAPI document covers every route under app/api/v1 (found on disk, not listed by hand),
// documents each with the operation its handler really runs, and passes a kept OpenAPI 3.1
// validator.
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { HTTP_METHODS, loadApiRoutes } from "../../stack/api-routes";
import type { ApiRouteHandler } from "./handler";
import { buildOpenApiDocument } from "./openapi";
import { API_OPERATIONS } from "./operations";

const document = buildOpenApiDocument(API_OPERATIONS);
type PathItem = Record<string, { operationId: string } | undefined>;
const paths = document.paths as Record<string, PathItem>;

describe("the OpenAPI document", () => {
  it("has every route and method under app/api/v1, and nothing the routes do not have", async () => {
    const routes = await loadApiRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const served = routes.flatMap((r) => Object.keys(r.methods).map((m) => `${m} ${r.openApiPath}`)).sort();
    const documented = Object.entries(paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(served.filter((s) => !documented.includes(s)), "routes missing from the document").toEqual([]);
    expect(documented.filter((d) => !served.includes(d)), "documented operations without a route").toEqual([]);
  });

  it("documents each route with the operation (schemas, permissions) its handler runs", async () => {
    for (const route of await loadApiRoutes()) {
      for (const [method, handler] of Object.entries(route.methods)) {
        const op = (handler as Partial<ApiRouteHandler>).operation;
        if (route.openApiPath === "/openapi.json") continue; // the public document itself
        expect(op, `${method} ${route.route} is built with apiRoute`).toBeDefined();
        expect(`${op!.method} ${op!.path}`, `${method} ${route.route}`).toBe(`${method} ${route.openApiPath}`);
        expect(paths[route.openApiPath]?.[method.toLowerCase()]?.operationId).toBe(op!.operationId);
        expect(API_OPERATIONS, `${op!.operationId} is listed in lib/api/operations`).toContain(op);
      }
    }
  });

  it("answers every method a route does not take with 405 problem details, not Next.js's empty 405", async () => {
    for (const route of await loadApiRoutes()) {
      const answered = [...Object.keys(route.methods), ...Object.keys(route.notTaken)].sort();
      expect(answered, `${route.route}/route.ts takes the methods it does not define from methodsNotTaken`).toEqual([...HTTP_METHODS].sort());
      // What the path takes, as its 405s and its OPTIONS say it.
      const own = Object.keys(route.methods);
      const allow = [...own, ...(own.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort();
      for (const [method, handler] of Object.entries(route.notTaken)) {
        const res = await (handler as () => Promise<Response>)();
        expect(res.status).toBe(405);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect(res.headers.get("allow")?.split(", ").sort(), `${method} ${route.route}`).toEqual(allow);
        expect(await res.json()).toMatchObject({ status: 405, title: "Method not allowed", detail: expect.stringContaining(`does not take ${method}`) });
      }
      const options = await (route.options as () => Promise<Response>)();
      expect(options.headers.get("allow")?.split(", ").sort(), `OPTIONS ${route.route}`).toEqual(allow);
    }
  });

  it("documents a field's example and shape even when its schema transforms what it reads (an account's From)", () => {
    const body = (document.paths as Record<string, { post?: { requestBody: { content: Record<string, { schema: { properties: Record<string, Record<string, unknown>> } }> } } }>)["/workspaces/{workspace}/smtp-accounts"]!.post!.requestBody.content["application/json"]!.schema;
    expect(body.properties.from).toMatchObject({ type: "string", examples: ["noreply@acme.test"], pattern: expect.any(String) });
  });

  it("passes an OpenAPI 3.1 validator (@seriousme/openapi-schema-validator)", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("gives every operation an example-bearing or typed success answer and problem details for errors", () => {
    for (const [p, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item as unknown as Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>)) {
        const codes = Object.keys(op.responses);
        expect(codes.some((c) => c.startsWith("2")), `${method} ${p} has a success answer`).toBe(true);
        for (const c of codes.filter((c) => !c.startsWith("2"))) expect(Object.keys(op.responses[c]!.content ?? {}), `${method} ${p} ${c}`).toEqual(["application/problem+json"]);
      }
    }
  });
});
