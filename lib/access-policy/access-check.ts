// The access policies AUTH and every later re-read of an account apply, in one place for the
// relay: the client address must be on the account's allowlist, and the password not expired.
import { isExpired, type ExpiryInputs } from "./expiry";
import { ipAllowed } from "./ip-allowlist";

export type AccessRefusal = "ip_not_allowed" | "expired";

export type AccessPolicy = ExpiryInputs & { ipAllowlist: string | null };

export function checkAccess(policy: AccessPolicy, clientIp: string, now: Date): AccessRefusal | null {
  if (!ipAllowed(policy.ipAllowlist, clientIp)) return "ip_not_allowed";
  if (isExpired(policy, now)) return "expired";
  return null;
}
