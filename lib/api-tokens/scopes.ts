// What an API token may do: four scopes, each granting a set of the roles' permissions
// (lib/auth/roles.ts). A route names the permission it needs, as the portal's actions do, and
// the token passes when one of its scopes grants it.
import { z } from "zod";
import type { Permission } from "../auth/roles";

export const API_SCOPES = ["read", "send-test", "credentials", "admin"] as const;
export const ZApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ZApiScope>;

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  read: "List and read accounts, domains, delivery logs and login events",
  "send-test": "Test connection with an account's credentials",
  credentials: "Reveal and reset passwords (a token with this scope is the step-up)",
  admin: "Create, disable, enable and delete accounts; manage domains and DKIM; read the audit log; list and revoke API tokens",
};

const GRANTS: Record<ApiScope, readonly Permission[]> = {
  read: ["accounts:view", "logs:view", "domains:view"],
  "send-test": ["accounts:test"],
  credentials: ["credentials:reveal", "credentials:reset"],
  admin: ["accounts:manage", "domains:manage", "incidents:report", "audit:view", "api-tokens:manage"],
};

export function scopesGrant(scopes: readonly ApiScope[], permission: Permission): boolean {
  return scopes.some((scope) => GRANTS[scope].includes(permission));
}

/** The scopes that grant a permission (for error messages and the OpenAPI document). */
export function scopesFor(permission: Permission): ApiScope[] {
  return API_SCOPES.filter((scope) => GRANTS[scope].includes(permission));
}

/** "read admin" as stored → the known scopes, in their order (unknown words are dropped). */
export function parseStoredScopes(value: string): ApiScope[] {
  const words = new Set(value.split(/\s+/));
  return API_SCOPES.filter((scope) => words.has(scope));
}
