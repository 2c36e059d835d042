// Every audit action, once: what records write, what the Audit Log shows and what its filter
// offers. A new kind of change adds its name here or does not compile.
import { z } from "zod";

export const AUDIT_ACTIONS = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_out": "Signed out",
  "account.create": "SMTP account created",
  "account.disable": "SMTP account disabled",
  "account.enable": "SMTP account enabled",
  "account.delete": "SMTP account deleted",
  "smtp.test_connection": "Connection tested",
  "smtp.test_email": "Test email sent",
  "credentials.reveal": "Credentials revealed",
  "credentials.copy": "Credential copied",
  "credentials.reset": "Password reset",
  "account.policy.ip_allowlist": "IP allowlist changed",
  "account.policy.allowed_senders": "Allowed senders changed",
  "account.policy.expiry": "Expiry changed",
  "account.expiry_warning": "Expiry warning sent",
  "workspace.max_password_lifetime": "Maximum password lifetime changed",
  "credentials.rotate": "Password rotated with a grace window",
  "credentials.grace_end": "Grace window ended",
  "workspace.show_once.enable": "Show-once mode turned on",
  "workspace.show_once.disable": "Show-once mode turned off",
  "domain.add": "Domain added",
  "domain.verify": "Domain verified",
  "domain.remove": "Domain removed",
  "domain.dkim.create": "DKIM key created",
  "domain.dkim.rotate.start": "DKIM rotation started",
  "domain.dkim.rotate.complete": "DKIM rotation completed",
  "incident.report": "Compromise reported",
  "incident.hold_messages": "Messages held",
  "incident.release_messages": "Held messages released",
  "incident.delete_messages": "Held messages deleted",
  "incident.support_email": "Support emailed",
  "incident.close": "Incident closed",
  "alert.auto_hold": "Account held by an alert",
  "alert.acknowledge": "Alert acknowledged",
  "alert.release_hold": "Alert hold released",
  "alert.rule_change": "Alert rule changed",
  "member.invite": "Member invited",
  "member.invite.withdraw": "Invitation withdrawn",
  "member.role_change": "Member's role changed",
  "member.remove": "Member removed",
  "api_token.create": "API token created",
  "api_token.revoke": "API token revoked",
  "api.request": "API read",
  "suppression.add": "Address suppressed",
  "suppression.remove": "Suppression removed",
  "suppression.import": "Suppressions imported",
  "webhook.create": "Webhook endpoint created",
  "webhook.update": "Webhook endpoint changed",
  "webhook.delete": "Webhook endpoint deleted",
  "webhook.rotate_secret": "Webhook signing secret rotated",
  "webhook.replay": "Webhook delivery replayed",
  "webhook.test": "Webhook test event sent",
  "demo.traffic.seed": "Demo data added",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
export const ZAuditAction = z.enum(AUDIT_ACTION_NAMES);

/** The label for an action read back from the database (an unknown one shows as it is). */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}
