import type { Metadata } from "next";
import { AddSuppressionForm } from "@/components/suppressions/add-suppression-form";
import { ImportSuppressionsForm } from "@/components/suppressions/import-suppressions-form";
import { SuppressionsTable } from "@/components/suppressions/suppressions-table";
import { FilterForm, filterInputClass } from "@/components/filters/filter-fields";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LINES } from "@/lib/suppressions/import-csv";
import { countSuppressions, listSuppressions, parseSuppressionQuery, type TSuppressionQuery } from "@/lib/suppressions/list-suppressions";
import { NewestOlderPager } from "@/components/ui/newest-older-pager";

export const metadata: Metadata = { title: "Suppression list" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function toParams(query: TSuppressionQuery, cursor?: string): URLSearchParams {
  const p = new URLSearchParams();
  if (query.q) p.set("q", query.q);
  if (cursor) p.set("cursor", cursor);
  return p;
}

export default async function SuppressionsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, "suppressions:manage");
  const db = getDb();
  const query = parseSuppressionQuery(await searchParams);
  const [page, total] = await Promise.all([listSuppressions({ db, workspaceId: workspace.id, query }), countSuppressions(db, workspace.id)]);
  const basePath = `/w/${workspace.slug}/suppressions`;
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Suppression list</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            The relay refuses mail to these addresses for every SMTP account of {workspace.name} (550 5.1.1 at RCPT TO, logged in Delivery Logs as suppressed). A hard
            bounce from the receiving server adds an address; so can you, by hand or from a CSV file.
          </p>
        </div>
        <a href={`/api/w/${workspace.slug}/suppressions/export?${toParams(query)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium" download>
          Export CSV
        </a>
      </div>
      <section aria-labelledby="add-heading" className="grid gap-6 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-2">
        <div>
          <h2 id="add-heading" className="mb-2 text-sm font-semibold">
            Add an address
          </h2>
          <AddSuppressionForm workspace={workspace.slug} />
        </div>
        <div>
          <h2 className="mb-2 text-sm font-semibold">Import from CSV</h2>
          <ImportSuppressionsForm workspace={workspace.slug} maxBytes={MAX_IMPORT_BYTES} maxLines={MAX_IMPORT_LINES} />
        </div>
      </section>
      {total > 0 && (
        <FilterForm label="Search the suppression list" action={basePath} columns={4}>
          <label className="col-span-2 text-xs font-medium text-slate-600">
            Address contains
            <input name="q" type="search" defaultValue={query.q ?? ""} maxLength={254} autoComplete="off" spellCheck={false} className={filterInputClass} />
          </label>
        </FilterForm>
      )}
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">{total === 0 ? "No suppressed addresses yet" : "No suppressed address matches this search"}</p>
          <p className="mt-1 text-sm text-slate-600">
            {total === 0
              ? "Hard bounces are added here as they happen. To stop mail to an address now, add it above or import a CSV of addresses from your previous provider."
              : "Search by any part of an address, such as a domain."}
          </p>
        </div>
      ) : (
        <SuppressionsTable workspace={workspace.slug} rows={page.rows} stepUpBack={`${basePath}?${toParams(query, query.cursor)}`} />
      )}
      <NewestOlderPager newestHref={query.cursor ? `${basePath}?${toParams(query)}` : null} olderHref={page.nextCursor ? `${basePath}?${toParams(query, page.nextCursor)}` : null} />
    </div>
  );
}
