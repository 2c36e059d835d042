// SMTP accounts: list (cursor), get, create, disable/enable, delete.
import { z } from "zod";
import { ZAccountLabel, zFromInput } from "../../smtp-accounts/create-account";
import { ZListAccountsQuery } from "../../smtp-accounts/list-accounts";
import { defineOperation } from "../operation";
import { ZAccountParams, ZCredentials, ZDateTime, ZFromEmail, ZNextCursor, ZWorkspaceParams } from "./common";

const ZAccountRow = z.object({
  id: z.string(),
  label: z.string(),
  username: z.string(),
  fromEmail: ZFromEmail,
  status: z.enum(["active", "disabled"]),
  createdAt: ZDateTime,
  lastUsedAt: ZDateTime.nullable(),
  usage: z.enum(["Active", "Quiet", "Dormant", "Never used"]),
  sends24h: z.number().int(),
  lastTest: z.object({ ok: z.boolean(), at: ZDateTime, by: z.string().nullable(), step: z.string().nullable() }).nullable(),
});

export const listAccountsOp = defineOperation({
  operationId: "listSmtpAccounts",
  method: "GET",
  path: "/workspaces/{workspace}/smtp-accounts",
  tag: "SMTP accounts",
  summary: "List SMTP accounts",
  description: "50 a page, sorted by `sort`/`dir`; pass `nextCursor` back as `after` for the next page.",
  permissions: ["accounts:view"],
  params: ZWorkspaceParams,
  query: ZListAccountsQuery,
  response: z.object({ accounts: z.array(ZAccountRow), total: z.number().int(), totalCapped: z.boolean(), nextCursor: ZNextCursor }),
});

export const getAccountOp = defineOperation({
  operationId: "getSmtpAccount",
  method: "GET",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}",
  tag: "SMTP accounts",
  summary: "Get an SMTP account",
  permissions: ["accounts:view"],
  params: ZAccountParams,
  response: z.object({
    id: z.string(),
    label: z.string(),
    username: z.string(),
    status: z.enum(["active", "disabled"]),
    fromAddress: z.string().nullable(),
    passwordVersion: z.number().int(),
    passwordChangedAt: ZDateTime,
    createdAt: ZDateTime,
    lastUsedAt: ZDateTime.nullable(),
    domain: z.object({ name: z.string() }),
  }),
});

export const createAccountOp = defineOperation({
  operationId: "createSmtpAccount",
  method: "POST",
  path: "/workspaces/{workspace}/smtp-accounts",
  tag: "SMTP accounts",
  summary: "Create an SMTP account",
  description: "Returns the first password once. Needs the admin and credentials scopes. Honours Idempotency-Key.",
  permissions: ["accounts:manage", "credentials:reveal"],
  params: ZWorkspaceParams,
  body: z.object({ label: ZAccountLabel.meta({ examples: ["Transactional mail"] }), from: zFromInput({ examples: ["noreply@acme.test"], description: "One From address, or *@domain for any address on a verified domain" }) }),
  response: z.object({ credentials: ZCredentials }),
  status: 201,
  idempotent: true,
});

const ZStatusAnswer = z.object({ id: z.string(), status: z.enum(["active", "disabled"]) });

export const disableAccountOp = defineOperation({
  operationId: "disableSmtpAccount",
  method: "POST",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}/disable",
  tag: "SMTP accounts",
  summary: "Disable an SMTP account (AUTH refused from now on)",
  permissions: ["accounts:manage"],
  params: ZAccountParams,
  response: ZStatusAnswer,
});

export const enableAccountOp = defineOperation({
  operationId: "enableSmtpAccount",
  method: "POST",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}/enable",
  tag: "SMTP accounts",
  summary: "Enable an SMTP account",
  permissions: ["accounts:manage"],
  params: ZAccountParams,
  response: ZStatusAnswer,
});

export const deleteAccountOp = defineOperation({
  operationId: "deleteSmtpAccount",
  method: "DELETE",
  path: "/workspaces/{workspace}/smtp-accounts/{accountId}",
  tag: "SMTP accounts",
  summary: "Delete an SMTP account",
  description: "Name the account's username in `confirmUsername`, as the portal's dialog asks.",
  permissions: ["accounts:manage"],
  params: ZAccountParams,
  query: z.object({ confirmUsername: z.string().min(1).max(64).meta({ examples: ["smtpuser_1a2b3c4d"] }) }),
  response: z.object({ deleted: z.literal(true) }),
});
