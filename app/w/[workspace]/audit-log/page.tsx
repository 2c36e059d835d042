import type { Metadata } from "next";
import { FilterActions, filterInputClass, TimeRangeFields } from "@/components/filters/filter-fields";
import Link from "next/link";
import { AuditTable } from "@/components/audit-log/audit-table";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { AUDIT_ACTION_NAMES, auditActionLabel } from "@/lib/audit/actions";
import { listAuditEvents, parseAuditQuery, type TAuditQuery } from "@/lib/audit/list-audit";
import { accountOption } from "@/lib/delivery-logs/account-options";
import { AccountCombobox } from "@/components/filters/account-combobox";

export const metadata: Metadata = { title: "Audit Log" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function toParams(query: TAuditQuery, cursor?: string): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of ["actor", "action", "account", "preset"] as const) if (query[k]) p.set(k, query[k]!);
  if (query.from) p.set("from", query.from.toISOString());
  if (query.to) p.set("to", query.to.toISOString());
  if (cursor) p.set("cursor", cursor);
  return p;
}


export default async function AuditLogPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, "audit:view");
  const db = getDb();
  const query = parseAuditQuery(await searchParams);
  const [page, account] = await Promise.all([listAuditEvents({ db, workspaceId: workspace.id, query }), accountOption(db, workspace.id, query.account)]);
  const basePath = `/w/${workspace.slug}/audit-log`;
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Audit Log</h1>
          <p className="mt-1 text-sm text-slate-600">Who did what in {workspace.name}, newest first. Times are UTC.</p>
        </div>
        <a href={`/api/w/${workspace.slug}/audit-log/export?${toParams(query)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium" download>
          Export CSV
        </a>
      </div>
      <form role="search" aria-label="Filter the audit log" action={basePath} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6">
        <label className="text-xs font-medium text-slate-600">
          Actor (email)
          <input name="actor" defaultValue={query.actor ?? ""} maxLength={320} className={filterInputClass} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          Action
          <select name="action" defaultValue={query.action ?? ""} className={filterInputClass}>
            <option value="">Any action</option>
            {AUDIT_ACTION_NAMES.map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        {/* A deleted account's events keep its id: show the id rather than dropping the filter. */}
        <AccountCombobox workspace={workspace.slug} selected={account ?? (query.account ? { id: query.account, label: query.account } : null)} anyLabel="Any account" />
        <TimeRangeFields preset={query.preset} from={query.from} to={query.to} />
        <FilterActions clearHref={basePath} className="col-span-2 md:col-span-6" />
      </form>
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center font-medium">No audit events match these filters</div>
      ) : (
        <AuditTable rows={page.rows} />
      )}
      <nav aria-label="Pagination" className="flex justify-between text-sm">
        {query.cursor ? (
          <Link href={`${basePath}?${toParams(query)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1">
            Newest
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Link href={`${basePath}?${toParams(query, page.nextCursor)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1">
            Older
          </Link>
        )}
      </nav>
    </div>
  );
}
