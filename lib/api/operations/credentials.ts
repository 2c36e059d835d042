// Credentials: reveal, reset, rotate with a grace window and end it (the `credentials` scope; a
// token with it is the step-up), and Test connection (the staged check, `send-test`).
// Not yet here: PATCH …/policies (IP allowlist, allowed senders, expiry; admin scope).
import { z } from "zod";
import { ZGraceSeconds } from "../../smtp-accounts/grace-window";
import { defineOperation } from "../operation";
import { ZAccountParams, ZCredentials, ZDateTime } from "./common";

export const revealCredentialsOp = defineOperation({
  operationId: "revealCredentials",
  method: "POST",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}/credentials/reveal",
  tag: "Credentials",
  summary: "Reveal an account's credentials",
  description: "Needs the credentials scope; audited and rate-limited per token like the portal's View Credentials (429 beyond REVEAL_RATE_LIMIT an hour).",
  permissions: ["credentials:reveal"],
  params: ZAccountParams,
  response: ZCredentials,
});

export const resetPasswordOp = defineOperation({
  operationId: "resetPassword",
  method: "POST",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}/credentials/reset",
  tag: "Credentials",
  summary: "Reset an account's password (the old one stops working at once)",
  description: "Returns the new password. Send an Idempotency-Key so that a retry does not reset twice.",
  permissions: ["credentials:reset"],
  params: ZAccountParams,
  response: ZCredentials,
  idempotent: true,
});

export const rotatePasswordOp = defineOperation({
  operationId: "rotatePassword",
  method: "POST",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}/credentials/rotate",
  tag: "Credentials",
  summary: "Rotate an account's password: the old one keeps working until the grace window ends",
  description:
    "Returns the new password. The previous one stays valid for graceSeconds (1 hour to 30 days), so applications can move without an outage; for a leak use reset, which ends the old one at once. Send an Idempotency-Key so that a retry does not rotate twice.",
  permissions: ["credentials:reset"],
  params: ZAccountParams,
  body: z.object({ graceSeconds: ZGraceSeconds.meta({ description: "How long the current password keeps working, in seconds", example: 86_400 }) }),
  response: ZCredentials,
  idempotent: true,
});

export const endGraceOp = defineOperation({
  operationId: "endGrace",
  method: "POST",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}/credentials/end-grace",
  tag: "Credentials",
  summary: "End a rotation's grace window now: the previous password stops working at once",
  permissions: ["credentials:reset"],
  params: ZAccountParams,
  response: z.object({ endedVersion: z.number().int().meta({ description: "The password version that stopped working", example: 3 }) }),
});

const ZStep = z.object({
  name: z.enum(["connect", "banner", "ehlo", "tls", "auth", "mail_from", "rset", "quit"]),
  ok: z.boolean(),
  skipped: z.boolean().optional(),
  durationMs: z.number(),
  detail: z.string(),
  reply: z.string().optional(),
  tls: z.record(z.string(), z.unknown()).optional(),
  failure: z.object({ kind: z.string(), explanation: z.string(), action: z.string() }).optional(),
});

export const testConnectionOp = defineOperation({
  operationId: "testConnection",
  method: "POST",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}/test-connection",
  tag: "Credentials",
  summary: "Test connection: the staged SMTP check against the relay, with its transcript",
  permissions: ["accounts:test"],
  params: ZAccountParams,
  body: z.object({ port: z.enum(["starttls", "implicit"]).default("starttls").meta({ description: "starttls: the submission port; implicit: the SSL/TLS port" }) }),
  response: z.object({
    result: z.object({ ok: z.boolean(), steps: z.array(ZStep) }).passthrough(),
    lastTest: z.object({ at: ZDateTime, ok: z.boolean(), step: z.string().nullable(), byName: z.string() }),
  }),
});
