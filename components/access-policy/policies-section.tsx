import { formatTime } from "@/components/delivery-logs/format";
import { RowHeader, Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import type { AccountPoliciesView } from "@/lib/access-policy/account-policies";
import { AccountPolicyForms } from "./account-policy-forms";
import { ExpiryBadge } from "./expiry-badge";

type Props = { workspace: string; accountId: string; policies: AccountPoliciesView; canManage: boolean; now: Date };

const lines = (value: string | null, none: string) => (value ? value.split("\n").join(", ") : none);

// The account's access policies: editable by admins, read-only for the others, with the attempts
// refused for coming from outside the allowlist (grouped by IP) beneath.
export function PoliciesSection({ workspace, accountId, policies, canManage, now }: Props) {
  const p = policies;
  return (
    <section aria-labelledby="policies-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="policies-heading" className="text-lg font-semibold">
          Policies
        </h2>
        {p.expiry && <ExpiryBadge expiry={p.expiry} now={now} />}
      </div>
      {p.expiry && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {p.expiry.expired ? "This password has expired: the relay refuses it." : `This password expires ${formatTime(new Date(p.expiry.at))}.`}{" "}
          {p.maxPasswordLifetimeDays !== null && (!p.expiresAt || p.effectiveExpiry?.getTime() !== p.expiresAt.getTime())
            ? `The workspace's maximum lifetime (${p.maxPasswordLifetimeDays} days) sets this date: reset the password to start a new lifetime.`
            : "Set a later expiry below to keep it working."}
        </p>
      )}
      {canManage ? (
        <AccountPolicyForms
          workspace={workspace}
          accountId={accountId}
          ipAllowlist={p.ipAllowlist ?? ""}
          allowedSenders={p.allowedSenders ?? ""}
          expiresOn={p.expiresAt ? p.expiresAt.toISOString().slice(0, 10) : ""}
          verifiedDomains={p.verifiedDomains}
        />
      ) : (
        <dl className="grid gap-3 text-sm md:grid-cols-3">
          <div>
            <dt className="font-medium">IP allowlist</dt>
            <dd className="font-mono text-xs">{lines(p.ipAllowlist, "Any address")}</dd>
          </div>
          <div>
            <dt className="font-medium">Allowed senders</dt>
            <dd className="font-mono text-xs">{lines(p.allowedSenders, "The account's From address rule")}</dd>
          </div>
          <div>
            <dt className="font-medium">Expires</dt>
            <dd>{p.effectiveExpiry ? formatTime(p.effectiveExpiry) : "Never"}</dd>
          </div>
        </dl>
      )}
      <div className="space-y-2">
        <h3 className="text-base font-semibold">Refused attempts from addresses outside the allowlist</h3>
        {p.refused.length === 0 ? (
          <p className="text-sm text-slate-600">None: no sign-in with this account&apos;s password has come from an address outside its allowlist.</p>
        ) : (
          <Table caption="Refused sign-ins (ip_not_allowed) by client IP, most recent first">
            <TableHead>
              <Th>Client IP</Th>
              <Th className="text-right">Attempts</Th>
              <Th>Last attempt</Th>
            </TableHead>
            <TableBody>
              {p.refused.map((r) => (
                <tr key={r.ip}>
                  <RowHeader className="font-mono text-xs">{r.ip}</RowHeader>
                  <Td className="text-right tabular-nums">{r.count}</Td>
                  <Td className="whitespace-nowrap">
                    <time dateTime={r.lastAt.toISOString()}>{formatTime(r.lastAt)}</time>
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </section>
  );
}
