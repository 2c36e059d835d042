// Errors of the API in one shape: RFC 9457 problem details (application/problem+json), with the
// portal's error codes (lib/errors/app-error.ts) as `code` and the same user-facing messages.
import { z } from "zod";
import { DEFAULT_MESSAGES, ERROR_CODES, type ErrorCode } from "../errors/app-error";

export const PROBLEM_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  STEP_UP_REQUIRED: 403,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

const TITLES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Unauthenticated",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  INVALID_INPUT: "Invalid input",
  STEP_UP_REQUIRED: "Fresh authentication required",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal error",
};

export const ZProblem = z
  .object({
    type: z.string().describe("A URI naming the kind of problem: urn:migosmtp:problem:<code>"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe("What was wrong and what to do"),
    code: z.enum(ERROR_CODES).describe("The portal's error code"),
    field: z.string().optional().describe("The input field at fault, for INVALID_INPUT"),
  })
  .meta({
    examples: [{ type: "urn:migosmtp:problem:forbidden", title: "Forbidden", status: 403, detail: "This token's scopes (read) do not allow this. It needs one of: credentials.", code: "FORBIDDEN" }],
  });
export type Problem = z.infer<typeof ZProblem>;

/**
 * The body of a problem answer. A status other than the code's (400 for a malformed address, 405
 * for a method a path does not take) comes with its own title, which names its type too.
 */
export function problemBody(code: ErrorCode, detail: string, extra: { field?: string; status?: number; title?: string } = {}): Problem {
  return {
    type: `urn:migosmtp:problem:${extra.title ? extra.title.toLowerCase().replaceAll(" ", "_") : code.toLowerCase()}`,
    title: extra.title ?? TITLES[code],
    status: extra.status ?? PROBLEM_STATUS[code],
    detail,
    code,
    ...(extra.field ? { field: extra.field } : {}),
  };
}

export function problem(code: ErrorCode, detail: string = DEFAULT_MESSAGES[code], extra: { field?: string; status?: number; title?: string; headers?: Record<string, string> } = {}): Response {
  const body = problemBody(code, detail, extra);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      ...(code === "UNAUTHENTICATED" ? { "www-authenticate": 'Bearer realm="migosmtp"' } : {}),
      ...extra.headers,
    },
  });
}
