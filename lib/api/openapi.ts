// The OpenAPI 3.1 document of /api/v1, built from the operations (operations/*.ts): the same
// zod schemas that parse each request become its parameters and body, through zod's own
// JSON Schema output (draft 2020-12, the dialect OpenAPI 3.1 uses).
import { z } from "zod";
import { API_SCOPES, SCOPE_DESCRIPTIONS, scopesFor } from "../api-tokens/scopes";
import { PROBLEM_STATUS } from "./problem";
import { ZProblem } from "./problem";
import type { Operation } from "./operation";

export const API_BASE = "/api/v1";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodObject<z.ZodRawShape> | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, examples, ...rest } = property as JsonSchema & { description?: string; examples?: unknown[] };
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      ...(examples?.length ? { example: examples[0] } : {}),
      schema: rest,
    };
  });
}

const problemRef = { $ref: "#/components/schemas/Problem" };
const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problemRef } } });

function operationObject(op: Operation) {
  const scopes = [...new Set(op.permissions.flatMap((p) => scopesFor(p)))];
  const errors: Record<string, unknown> = {
    "401": problemResponse("No valid token (missing, unknown, revoked, expired, or not from an allowed address)"),
    "403": problemResponse(`The token lacks a scope: needs ${op.permissions.map((p) => scopesFor(p).join(" or ")).join(" and ")}`),
    "404": problemResponse("Not in this token's workspace"),
    "422": problemResponse("The input is not valid (the detail names the field)"),
  };
  if (op.permissions.includes("credentials:reveal") || op.permissions.includes("credentials:reset") || op.permissions.includes("accounts:test"))
    errors["429"] = problemResponse("Rate limited, as in the portal");
  if (op.idempotent || op.method === "POST") errors[String(PROBLEM_STATUS.CONFLICT)] = problemResponse("Conflicts with the current state (or an Idempotency-Key still running)");
  const success =
    op.response === "csv"
      ? { description: "CSV (RFC 4180; formula-like cells neutralised)", content: { "text/csv": { schema: { type: "string" } } } }
      : { description: "OK", content: { "application/json": { schema: jsonSchema(op.response, "output") } } };
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: [{ bearerToken: scopes }],
    "x-required-scopes": scopes,
    parameters: [
      ...parameters(op.params, "path"),
      ...parameters(op.query, "query"),
      ...(op.idempotent
        ? [{ name: "Idempotency-Key", in: "header", required: false, description: "Any unique string (a UUID): a retry with the same key and request gets the first answer, kept 24 hours; with another request, 422.", schema: { type: "string", maxLength: 255 }, example: "6f1c2c1e-3b7e-4d38-9a57-2f0d1c7e0b55" }]
        : []),
    ],
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
    responses: { [String(op.status ?? 200)]: success, ...errors },
  };
}

export function buildOpenApiDocument(operations: readonly Operation[], serverUrl = API_BASE) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
  paths["/openapi.json"] = {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Meta"],
      summary: "This document",
      security: [],
      responses: { "200": { description: "The OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } } },
    },
  };
  const problemSchema = jsonSchema(ZProblem, "output");
  return {
    openapi: "3.1.0",
    info: {
      title: "MigoSMTP management API",
      version: "1.0.0",
      description:
        "Everything the portal does with SMTP accounts, credentials, domains and logs, scripted. Authenticate with a workspace API token (`Authorization: Bearer migo_…`), created by an admin on the portal's API tokens page. Errors are RFC 9457 problem details with the portal's error codes.",
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set([...operations.map((o) => o.tag), "Meta"])].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "migo_<id>_<secret>",
          description: `Scopes: ${API_SCOPES.map((s) => `\`${s}\` (${SCOPE_DESCRIPTIONS[s]})`).join("; ")}.`,
        },
      },
    },
  };
}
