// The per-account access policies of issue #17 as the relay applies them to a session already
// authenticated (AUTH itself goes through lib/smtp-accounts/authenticate.ts): the account is
// re-read before each transaction, and a client address taken off the allowlist or an expired
// password ends the session; a sender list, when set, replaces the From-address/domain rule.
import { checkAccess } from "../lib/access-policy/access-check";
import { senderAllowed } from "../lib/access-policy/allowed-senders";
import { REPLY, type SmtpReply } from "./replies";

/** What the re-read carries for these policies (relay/policy.ts SenderAccount includes it). */
export type AccountPolicies = {
  ipAllowlist: string | null;
  allowedSenders: string | null;
  expiresAt: Date | null;
  passwordChangedAt: Date;
  workspace: { maxPasswordLifetimeDays: number | null };
};

type Refusal = { ok: false; reply: SmtpReply; endsSession?: true };

export const addressNotAllowedReply: SmtpReply = { code: 421, text: "4.7.0 Your address is no longer allowed to use this account, closing connection" };

/** An open session's next transaction: 421 (and the connection closes) when its address left the allowlist; 535 once expired. */
export function checkSessionAccess(account: AccountPolicies, clientIp: string, now: Date): Refusal | null {
  const refusal = checkAccess({ ...account, maxPasswordLifetimeDays: account.workspace.maxPasswordLifetimeDays }, clientIp, now);
  if (refusal === "ip_not_allowed") return { ok: false, reply: addressNotAllowedReply, endsSession: true };
  if (refusal === "expired") return { ok: false, reply: REPLY.authInvalid, endsSession: true };
  return null;
}

/** 550 5.7.1 naming the rule: the address is not on the account's allowed-senders list. */
export function checkAllowedSender(allowedSenders: string, normalisedAddress: string, where: string): Refusal | null {
  if (senderAllowed(allowedSenders, normalisedAddress)) return null;
  const shown = normalisedAddress.replace(/[^\x21-\x7e]/g, "?").slice(0, 80);
  const list = allowedSenders.split("\n");
  const allowed = list.length > 3 ? `${list.slice(0, 3).join(", ")} and ${list.length - 3} more` : list.join(", ");
  return { ok: false, reply: { code: 550, text: `5.7.1 ${where} ${shown || "<>"} is not an allowed sender of this account (allowed senders: ${allowed}); ask an admin to add it under Policies in MigoSMTP` } };
}

/** An account with none of these policies set (any address, its own sender rule, no expiry). */
export const NO_POLICIES: AccountPolicies = { ipAllowlist: null, allowedSenders: null, expiresAt: null, passwordChangedAt: new Date(0), workspace: { maxPasswordLifetimeDays: null } };
