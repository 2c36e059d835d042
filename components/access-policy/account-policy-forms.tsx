"use client";

// The account page's three policy forms, each bound to its server action.
import { updateAllowedSendersAction } from "@/lib/actions/access-policy/update-allowed-senders";
import { updateExpiryAction } from "@/lib/actions/access-policy/update-expiry";
import { updateIpAllowlistAction } from "@/lib/actions/access-policy/update-ip-allowlist";
import { PolicyFieldForm } from "./policy-field-form";

type Props = {
  workspace: string;
  accountId: string;
  ipAllowlist: string;
  allowedSenders: string;
  expiresOn: string;
  verifiedDomains: string[];
};

export function AccountPolicyForms({ workspace, accountId, ipAllowlist, allowedSenders, expiresOn, verifiedDomains }: Props) {
  const target = { workspace, accountId };
  const domain = verifiedDomains[0] ?? "example.com";
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <PolicyFieldForm
        label="IP allowlist"
        name="ipAllowlist"
        kind="list"
        initial={ipAllowlist}
        placeholder={"203.0.113.0/24\n2001:db8::/32"}
        help="IPv4 and IPv6 addresses or CIDR ranges, one per line, at most 50. Empty: any address may sign in. An open session from a removed address is closed at its next message."
        savedMessage="IP allowlist saved"
        save={(value) => updateIpAllowlistAction({ ...target, ipAllowlist: value })}
      />
      <PolicyFieldForm
        label="Allowed senders"
        name="allowedSenders"
        kind="list"
        initial={allowedSenders}
        placeholder={`billing@${domain}\n*@${domain}\nalerts+*@${domain}`}
        help={`Exact addresses, *@domain or name+*@domain on a verified domain (${verifiedDomains.join(", ") || "none yet"}), one per line. Empty: the account's From address rule.`}
        savedMessage="Allowed senders saved"
        save={(value) => updateAllowedSendersAction({ ...target, allowedSenders: value })}
      />
      <PolicyFieldForm
        label="Expires on (UTC)"
        name="expiresAt"
        kind="date"
        initial={expiresOn}
        help="From midnight UTC of this day the relay refuses the password. Empty: no expiry of its own. Warnings go to admins 14, 3 and 0 days ahead."
        savedMessage="Expiry saved"
        save={(value) => updateExpiryAction({ ...target, expiresAt: value })}
      />
    </div>
  );
}
