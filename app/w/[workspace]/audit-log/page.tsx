import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit-log/audit-filters";
import { AuditTable } from "@/components/audit-log/audit-table";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { listAuditEvents, parseAuditQuery, type TAuditQuery } from "@/lib/audit/list-audit";
import { accountOption } from "@/lib/delivery-logs/account-options";
import { NewestOlderPager } from "@/components/ui/newest-older-pager";

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
      <AuditFilters query={query} workspace={workspace.slug} account={account} basePath={basePath} />
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center font-medium">No audit events match these filters</div>
      ) : (
        <AuditTable rows={page.rows} />
      )}
      <NewestOlderPager newestHref={query.cursor ? `${basePath}?${toParams(query)}` : null} olderHref={page.nextCursor ? `${basePath}?${toParams(query, page.nextCursor)}` : null} />
    </div>
  );
}
