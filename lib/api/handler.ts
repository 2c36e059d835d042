// The one shape of every API route handler: authenticate the bearer token → the workspace in
// the path is the token's (another is 404, as in the portal) → the token's scopes grant the
// operation's permissions (403) → parse path, query and body with the operation's zod schemas
// (422) → Idempotency-Key → call the use case → JSON. Errors are problem details; unknown
// errors are logged and answered with a generic message. Reads leave an `api.request` audit
// event; changes are audited by their use case, with the token's label as the actor.
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import { actorOfToken } from "../api-tokens/token-actor";
import { type ApiCaller, authenticateApiToken } from "../api-tokens/authenticate-token";
import { scopesFor, scopesGrant } from "../api-tokens/scopes";
import { type Db, getDb } from "../db";
import { type Env, getEnv } from "../env";
import { AppError } from "../errors/app-error";
import { clientIp } from "../net/client-ip";
import { PEER_HEADER } from "../net/peer-header";
import type { Actor } from "../smtp-accounts/actor";
import { parseIdempotencyKey, requestHash, withIdempotency } from "./idempotency";
import type { Operation } from "./operation";
import { problem } from "./problem";
import { jsonDepth, NUL_REFUSED, nulPath } from "../text/storable-text";

export const MAX_BODY_BYTES = 64 * 1024;
/** No operation's body nests deeper than a few levels; 64 KiB of brackets would be 32,000. */
export const MAX_BODY_DEPTH = 16;

export type ApiContext = { caller: ApiCaller; actor: Actor; db: Db; env: Env; request: Request };

type Shape = z.ZodObject<z.ZodRawShape>;
export type ApiInput<P extends Shape, Q extends Shape, B extends Shape> = { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> };

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type ApiDeps = { db: Db; env: Env };

/** A route handler for Next.js, which also carries its operation (for the document) and `serve` (for tests, with their own database). */
export type ApiRouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & {
  operation: Operation;
  serve: (request: Request, params: Record<string, unknown>, deps: ApiDeps) => Promise<Response>;
};

export function apiRoute<P extends Shape, Q extends Shape, B extends Shape>(
  op: Operation<P, Q, B>,
  run: (input: ApiInput<P, Q, B>, context: ApiContext) => Promise<unknown>,
): ApiRouteHandler {
  const serve = async (request: Request, raw: Record<string, unknown>, { db, env }: ApiDeps): Promise<Response> => {
    const ip = clientIp({ peer: request.headers.get(PEER_HEADER), forwardedFor: request.headers.get("x-forwarded-for") }, env.TRUSTED_PROXIES);
    try {
      const auth = await authenticateApiToken({ db, authorization: request.headers.get("authorization"), ip });
      if (!auth.ok) {
        console.warn(JSON.stringify({ level: "warn", msg: "api token refused", reason: auth.reason, operation: op.operationId, ip }));
        return problem("UNAUTHENTICATED", "Send a valid API token: Authorization: Bearer migo_…. It may have been revoked or have expired, or this address is not on its allowlist.");
      }
      const { caller } = auth;
      if (raw.workspace !== caller.workspace.slug) return problem("NOT_FOUND", "This workspace does not exist, or this token belongs to another one.");
      const missing = op.permissions.find((permission) => !scopesGrant(caller.scopes, permission));
      if (missing) return problem("FORBIDDEN", `This token's scopes (${caller.scopes.join(", ")}) do not allow this. It needs the ${scopesFor(missing).join(" or ")} scope; create a token with it on the API tokens page.`);

      const input = await parseInput(op, request, raw);
      const actor = actorOfToken(caller, { ip, userAgent: request.headers.get("user-agent") });
      const call = async () => ({ status: op.status ?? 200, body: await run(input, { caller, actor, db, env, request }) });
      const key = op.idempotent ? parseIdempotencyKey(request.headers.get("idempotency-key")) : null;
      const answer = key
        ? await withIdempotency({ db, env, tokenId: caller.tokenId, key, hash: requestHash([op.operationId, input]) }, call)
        : { ...(await call()), replayed: false };
      if (op.method === "GET")
        await recordAudit(db, actor, {
          action: "api.request",
          workspaceId: caller.workspace.id,
          target: { type: "api_token", id: caller.tokenId, label: caller.label },
          metadata: { operation: op.operationId, path: new URL(request.url).pathname.slice(0, 300) },
        });
      if (answer.body instanceof Response) return answer.body;
      return Response.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store", ...(answer.replayed ? { "idempotent-replayed": "true" } : {}) } });
    } catch (error) {
      if (error instanceof AppError) return problem(error.code, error.message, { field: error.field });
      console.error(JSON.stringify({ level: "error", msg: "api operation failed", operation: op.operationId, error: error instanceof Error ? error.message : String(error) }));
      return problem("INTERNAL");
    }
  };
  const handler = async (request: Request, context: RouteContext) => serve(request, await context.params, { db: getDb(), env: getEnv() });
  return Object.assign(handler, { operation: op as unknown as Operation, serve });
}

async function parseInput<P extends Shape, Q extends Shape, B extends Shape>(op: Operation<P, Q, B>, request: Request, rawParams: Record<string, unknown>): Promise<ApiInput<P, Q, B>> {
  const params = check(op.params, rawParams, "path");
  const url = new URL(request.url);
  const query = checkQuery(op.query, url.searchParams);
  let body = {} as z.infer<B>;
  if (op.body) {
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("INVALID_INPUT", `The request body is over ${MAX_BODY_BYTES / 1024} KiB.`);
    let json: unknown = {};
    if (text.trim()) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new AppError("INVALID_INPUT", "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.");
      }
    }
    if (jsonDepth(json, MAX_BODY_DEPTH) > MAX_BODY_DEPTH)
      throw new AppError("INVALID_INPUT", `The request body nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep; send the JSON object the operation documents.`);
    body = check(op.body, json, "body");
  }
  return { params, query, body };
}

/**
 * The pages read their filters leniently (a value they cannot use is dropped, the first of two is
 * taken); a script is told instead, naming the parameter: one the operation does not take, one
 * given twice, or a value it cannot use (a misspelt status, a date that is not one, a cursor it
 * did not give) is 422, where it used to answer 200 with the filter quietly gone.
 */
function checkQuery<Q extends Shape>(schema: Q | undefined, params: URLSearchParams): z.infer<Q> {
  const shape = (schema?.shape ?? {}) as Record<string, z.ZodType>;
  const taken = Object.keys(shape);
  for (const key of new Set(params.keys())) {
    if (!(key in shape)) throw new AppError("INVALID_INPUT", `query ${key}: this operation takes no such parameter (${taken.length > 0 ? `it takes ${taken.join(", ")}` : "it takes none"}).`, key);
    if (params.getAll(key).length > 1) throw new AppError("INVALID_INPUT", `query ${key}: given more than once; send it once.`, key);
    const value = params.get(key)!;
    const strict = withoutFallback(shape[key]!).safeParse(value);
    if (value !== "" && !strict.success) throw new AppError("INVALID_INPUT", `query ${key}: ${strict.error.issues[0]!.message} (got ${JSON.stringify(value.slice(0, 100))}).`, key);
  }
  return schema ? check(schema, Object.fromEntries(params), "query") : ({} as z.infer<Q>);
}

/** The schema without the `.catch()` that lets a page drop a value it cannot use. */
function withoutFallback(field: z.ZodType): z.ZodType {
  const def = field.def as { type: string; innerType?: z.ZodType };
  if ((def.type === "catch" || def.type === "default" || def.type === "optional") && def.innerType) return withoutFallback(def.innerType);
  return field;
}

function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  // No field takes a NUL (PostgreSQL's text cannot hold one): refused by name, not as a failed query.
  const nul = nulPath(value);
  if (nul !== null) throw new AppError("INVALID_INPUT", `${where}${nul ? ` ${nul}` : ""}: ${NUL_REFUSED}.`, nul || undefined);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || undefined;
  throw new AppError("INVALID_INPUT", field ? `${where} ${field}: ${issue.message}` : `${where}: ${issue.message}`, field);
}
