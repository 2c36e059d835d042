// Credentials: reveal and reset (the `credentials` scope; a token with it is the step-up), and
// Test connection (the staged check, `send-test`).
//
// RESERVED for #17 (branches rotation-grace and access-policies), to add here when their use
// cases merge, each as one operation calling that use case and nothing else:
//   POST  /workspaces/{workspace}/smtp-accounts/{accountId}/credentials/rotate     rotate with grace (credentials scope, idempotent)
//   POST  /workspaces/{workspace}/smtp-accounts/{accountId}/credentials/end-grace  end the grace window now (credentials scope)
//   PATCH /workspaces/{workspace}/smtp-accounts/{accountId}/policies               IP allowlist, allowed senders, expiry (admin scope)
import { z } from "zod";
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
