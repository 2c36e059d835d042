// Who may do what (viewer < developer < admin < owner), in one place (the README's role table). The UI asks `can()` to hide what a role cannot do;
// the server asks it again before doing anything.
import { z } from "zod";

export const ROLES = ["viewer", "developer", "admin", "owner"] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

export type Permission =
  | "accounts:view"
  | "logs:view"
  | "domains:view"
  | "accounts:test"
  | "credentials:reveal"
  | "credentials:reset"
  | "accounts:manage"
  | "incidents:report"
  | "domains:manage"
  | "audit:view"
  | "api-tokens:manage"
  | "settings:manage"
  | "members:manage"
  | "policies:manage"
  | "workspace:settings"
  | "alerts:manage"
  | "suppressions:manage"
  | "webhooks:manage";

const MINIMUM_ROLE: Record<Permission, Role> = {
  "accounts:view": "viewer",
  "logs:view": "viewer",
  "domains:view": "viewer",
  "accounts:test": "developer",
  "credentials:reveal": "admin",
  "credentials:reset": "admin",
  "accounts:manage": "admin",
  "incidents:report": "admin",
  "domains:manage": "admin",
  "audit:view": "admin",
  "api-tokens:manage": "admin",
  // Workspace settings (show-once mode): admins, as planned rotation and account policies.
  "settings:manage": "admin",
  "members:manage": "owner",
  "policies:manage": "admin",
  "suppressions:manage": "admin",
  "webhooks:manage": "admin",
  "workspace:settings": "owner",
  // Acknowledge alerts, release an auto-hold (DESIGN "Who may do what"); rule settings are workspace:settings.
  "alerts:manage": "admin",
};

export function can(role: Role, permission: Permission): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(MINIMUM_ROLE[permission]);
}
