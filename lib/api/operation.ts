// One API operation, described once: its method and path, the permission it needs (the same
// names as the portal's roles, granted to tokens by scopes), the zod schemas that parse its
// path, query and body, and what it answers. The route handler (app/api/v1/…/route.ts) runs
// it through apiRoute (handler.ts); the OpenAPI document (openapi.ts) is built from the same
// objects, so what is validated is what is documented.
import type { z } from "zod";
import type { Permission } from "../auth/roles";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type AnyObject = z.ZodObject<z.ZodRawShape>;

export type Operation<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends AnyObject = AnyObject> = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template under /api/v1, e.g. "/workspaces/{workspace}/smtp-accounts/{accountId}". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Every one of these is needed (a create that returns a password needs manage and reveal). Empty: no token needed. */
  permissions: readonly Permission[];
  params: P;
  query?: Q;
  body?: B;
  /** The success answer: a JSON schema, or "csv" for a text/csv download. */
  response: z.ZodType | "csv";
  status?: 200 | 201;
  /** Honours Idempotency-Key (creates and resets). */
  idempotent?: boolean;
};

export function defineOperation<P extends AnyObject, Q extends AnyObject, B extends AnyObject>(op: Operation<P, Q, B>): Operation<P, Q, B> {
  return op;
}
