import { CopyButton } from "@/components/ui/copy-button";
import { countOf } from "@/components/ui/count-of";
import type { DomainView } from "@/lib/domains/list-domains";
import { DkimKeyActions } from "./dkim-key-actions";
import { RemoveDomainButton, VerifyDomainButton } from "./domain-actions";

const STATUS_STYLE: Record<string, string> = {
  verified: "bg-green-100 text-green-800",
  pending: "bg-amber-100 text-amber-800",
  failed: "bg-red-100 text-red-800",
};

const PURPOSE: Record<string, string> = { ownership: "Ownership", dkim: "DKIM", spf: "SPF (suggested)", dmarc: "DMARC (suggested)" };

function when(iso: string | null): string {
  if (!iso) return "never";
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso))} UTC`;
}

export function DomainCard({ workspace, domain, canManage }: { workspace: string; domain: DomainView; canManage: boolean }) {
  const headingId = `domain-${domain.id}`;
  const activeKey = domain.dkim.find((k) => k.status === "active");
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {domain.name}
          </h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span className={`pill ${STATUS_STYLE[domain.status] ?? "bg-slate-100"}`} aria-label={`Status: ${domain.status}`}>
              {domain.status}
            </span>
            <span>
              Last checked: <time dateTime={domain.lastCheckedAt ?? undefined}>{when(domain.lastCheckedAt)}</time>
            </span>
            <span>· DKIM: {activeKey ? `signing with ${activeKey.selector}` : "not signing yet (publish the DKIM record)"}</span>
          </p>
          {domain.lastCheckError && domain.status !== "verified" && <p className="mt-1 text-sm text-red-700">{domain.lastCheckError}</p>}
          {domain.lastCheckError && domain.status === "verified" && <p className="mt-1 text-sm text-amber-800">Last re-check failed: {domain.lastCheckError}</p>}
        </div>
        {canManage && (
          <div className="flex items-start gap-2">
            <VerifyDomainButton workspace={workspace} domain={{ id: domain.id, name: domain.name }} />
            <DkimKeyActions workspace={workspace} domain={{ id: domain.id, name: domain.name, status: domain.status, dkim: domain.dkim }} />
            <RemoveDomainButton workspace={workspace} domain={{ id: domain.id, name: domain.name }} />
          </div>
        )}
      </div>

      <div className="mt-4 overflow-x-auto">
        <table className="w-full table-fixed text-left text-sm">
          <caption className="sr-only">DNS records for {domain.name}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="w-36 py-1 pr-2">Record</th>
              <th scope="col" className="w-14 py-1 pr-2">Type</th>
              <th scope="col" className="w-1/3 py-1 pr-2">Name</th>
              <th scope="col" className="py-1">Value</th>
            </tr>
          </thead>
          <tbody>
            {domain.records.map((r) => (
              <tr key={`${r.purpose}-${r.name}`} className={`border-t border-slate-100 align-top ${r.keepUntil ? "bg-amber-50" : ""}`}>
                <th scope="row" className="py-2 pr-2 font-medium">
                  {PURPOSE[r.purpose]}
                  <p className="mt-1 text-xs font-normal text-slate-500">{r.note}</p>
                </th>
                <td className="py-2 pr-2 font-mono">{r.type}</td>
                <td className="py-2 pr-2">
                  <div className="flex items-start gap-2">
                    <code className="break-all">{r.name}</code>
                    <CopyButton value={r.name} label={`Copy ${PURPOSE[r.purpose]} record name`} />
                  </div>
                </td>
                <td className="py-2">
                  <div className="flex items-start gap-2">
                    <code className="break-all">{r.value}</code>
                    <CopyButton value={r.value} label={`Copy ${PURPOSE[r.purpose]} record value`} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {domain.accountCount > 0 && (
        <p className="mt-3 text-xs text-slate-500">
          Used by {countOf(domain.accountCount, "SMTP account")}: {domain.accounts.map((a) => a.label).join(", ")}
          {domain.accountCount > domain.accounts.length && ` and ${(domain.accountCount - domain.accounts.length).toLocaleString("en-US")} more`}
        </p>
      )}
    </section>
  );
}
