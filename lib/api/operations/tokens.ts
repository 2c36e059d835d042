// API tokens: list and revoke (admin scope). Tokens are created in the portal only, by an admin
// who signed in recently: a token cannot mint tokens.
import { z } from "zod";
import { API_SCOPES } from "../../api-tokens/scopes";
import { defineOperation } from "../operation";
import { ZDateTime, ZId, ZWorkspaceParams } from "./common";

export const listApiTokensOp = defineOperation({
  operationId: "listApiTokens",
  method: "GET",
  path: "/workspaces/{workspace}/api-tokens",
  tag: "API tokens",
  summary: "List the workspace's API tokens (never their secrets)",
  permissions: ["api-tokens:manage"],
  params: ZWorkspaceParams,
  response: z.object({
    tokens: z.array(
      z.object({
        id: z.string(),
        publicId: z.string().describe("The non-secret part: migo_<publicId>_…"),
        label: z.string(),
        scopes: z.array(z.enum(API_SCOPES)),
        ipAllowlist: z.array(z.string()),
        expiresAt: ZDateTime.nullable(),
        createdAt: ZDateTime,
        lastUsedAt: ZDateTime.nullable(),
        lastUsedIp: z.string().nullable(),
        revokedAt: ZDateTime.nullable(),
        state: z.enum(["active", "revoked", "expired"]),
      }),
    ),
  }),
});

export const revokeApiTokenOp = defineOperation({
  operationId: "revokeApiToken",
  method: "POST",
  path: "/workspaces/{workspace}/api-tokens/{tokenId}/revoke",
  tag: "API tokens",
  summary: "Revoke an API token (this one too): every later call with it answers 401",
  permissions: ["api-tokens:manage"],
  params: ZWorkspaceParams.extend({ tokenId: ZId.meta({ description: "The token's id (from the list, or from its creation)" }) }),
  response: z.object({ id: z.string(), revoked: z.literal(true) }),
});
