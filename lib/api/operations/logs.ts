// Delivery logs (filter with a cursor, message detail, CSV), login events and the audit log,
// with the portal's own filter schemas.
import { z } from "zod";
import { ZAuditQuery } from "../../audit/list-audit";
import { MESSAGE_STATUSES, ZDeliveryLogQuery } from "../../delivery-logs/filters";
import { ZLoginEventQuery } from "../../delivery-logs/login-events";
import { defineOperation } from "../operation";
import { ZAccountParams, ZDateTime, ZMessageParams, ZNextCursor, ZWorkspaceParams } from "./common";

const ZMessageQuery = ZDeliveryLogQuery.omit({ review: true, flagged: true });

const ZMessageRow = z.object({
  id: z.string(),
  createdAt: ZDateTime,
  accountId: z.string().nullable(),
  account: z.object({ label: z.string(), username: z.string() }).nullable(),
  clientIp: z.string(),
  envelopeFrom: z.string(),
  firstRecipient: z.string(),
  recipientCount: z.number().int(),
  subject: z.string().nullable(),
  sizeBytes: z.number().int(),
  status: z.enum(MESSAGE_STATUSES),
  lastReply: z.string().nullable(),
  passwordVersion: z.number().int(),
  tlsProtocol: z.string().nullable(),
});

export const listMessagesOp = defineOperation({
  operationId: "listMessages",
  method: "GET",
  path: "/workspaces/{workspace}/messages",
  tag: "Delivery logs",
  summary: "Filter the delivery log (newest first, 50 a page)",
  description: "Filters as the Delivery Logs page: account, status, preset or from/to, rcpt (address or @domain), sender, ip. Pass `nextCursor` back as `cursor`.",
  permissions: ["logs:view"],
  params: ZWorkspaceParams,
  query: ZMessageQuery,
  response: z.object({ messages: z.array(ZMessageRow), nextCursor: ZNextCursor }),
});

export const exportMessagesOp = defineOperation({
  operationId: "exportMessagesCsv",
  method: "GET",
  path: "/workspaces/{workspace}/messages/export",
  tag: "Delivery logs",
  summary: "The filtered delivery log as CSV",
  permissions: ["logs:view"],
  params: ZWorkspaceParams,
  query: ZMessageQuery,
  response: "csv",
});

export const getMessageOp = defineOperation({
  operationId: "getMessage",
  method: "GET",
  path: "/workspaces/{workspace}/messages/{messageId}",
  tag: "Delivery logs",
  summary: "One message with its recipients, headers and delivery timeline",
  permissions: ["logs:view"],
  params: ZMessageParams,
  response: ZMessageRow.omit({ firstRecipient: true, account: true }).extend({
    deliveredAt: ZDateTime.nullable(),
    account: z.object({ label: z.string(), username: z.string(), passwordVersion: z.number().int() }).nullable(),
    recipients: z.array(z.object({ address: z.string() })),
    attempts: z.array(z.object({ id: z.string(), outcome: z.string(), reply: z.string().nullable(), upstream: z.string().nullable(), durationMs: z.number().nullable(), duplicate: z.boolean(), createdAt: ZDateTime })),
    headers: z.array(z.object({ name: z.string(), value: z.string() })).nullable(),
  }).passthrough(),
});

export const listLoginEventsOp = defineOperation({
  operationId: "listLoginEvents",
  method: "GET",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}/login-events",
  tag: "Delivery logs",
  summary: "An account's SMTP logins, success and failure (newest first, 50 a page)",
  permissions: ["logs:view"],
  params: ZAccountParams,
  query: ZLoginEventQuery,
  response: z.object({
    events: z.array(
      z.object({
        id: z.string(),
        createdAt: ZDateTime,
        success: z.boolean(),
        clientIp: z.string(),
        tlsProtocol: z.string().nullable(),
        method: z.string(),
        passwordVersion: z.number().int().nullable(),
        reason: z.string().nullable(),
        username: z.string(),
      }),
    ),
    nextCursor: ZNextCursor,
  }),
});

export const listAuditEventsOp = defineOperation({
  operationId: "listAuditEvents",
  method: "GET",
  path: "/workspaces/{workspace}/audit-events",
  tag: "Audit log",
  summary: "The audit log (newest first, 50 a page)",
  permissions: ["audit:view"],
  params: ZWorkspaceParams,
  query: ZAuditQuery,
  response: z.object({
    events: z.array(
      z.object({
        id: z.string(),
        createdAt: ZDateTime,
        action: z.string(),
        actorEmail: z.string().nullable().describe("A person's email, or \"API token: <label>\""),
        targetType: z.string().nullable(),
        targetId: z.string().nullable(),
        targetLabel: z.string().nullable(),
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
        metadata: z.string().nullable().describe("JSON text"),
      }).passthrough(),
    ),
    nextCursor: ZNextCursor,
  }),
});
