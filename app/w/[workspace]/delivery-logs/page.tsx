import type { Metadata } from "next";
import { LogFilters } from "@/components/delivery-logs/log-filters";
import { MessagesTable } from "@/components/delivery-logs/messages-table";
import { VolumeStrip } from "@/components/delivery-logs/volume-strip";
import { ReviewSummary } from "@/components/delivery-logs/review-summary";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { accountOption, getAccountSummary, recipientDomainsOf } from "@/lib/delivery-logs/account-options";
import { parseDeliveryLogQuery, queryToParams, timeWindow } from "@/lib/delivery-logs/filters";
import { listMessages } from "@/lib/delivery-logs/list-messages";
import { filteredVolume, stripWindow } from "@/lib/charts/filtered-volume";
import { defaultReviewWindow, flagsOf, reviewCompromise } from "@/lib/delivery-logs/review";
import { AppError } from "@/lib/errors/app-error";
import { notFound } from "next/navigation";
import { NewestOlderPager } from "@/components/ui/newest-older-pager";

export const metadata: Metadata = { title: "Delivery Logs" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeliveryLogsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, "logs:view");
  const db = getDb();
  const query = parseDeliveryLogQuery(await searchParams);
  const basePath = `/w/${workspace.slug}/delivery-logs`;

  let review = null;
  if (query.review && query.account) {
    const account = await getAccountSummary(db, workspace.id, query.account).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
      throw e;
    });
    const now = new Date();
    if (!query.from) query.from = defaultReviewWindow(account, now).from;
    query.preset = undefined;
    review = await reviewCompromise({ db, workspaceId: workspace.id, accountId: account.id, window: { from: query.from, to: query.to ?? now } });
  }
  const flaggedOnly = Boolean(review && query.flagged);
  const extra = flaggedOnly ? (review!.flaggedWhere ?? { id: "" }) : undefined;
  const now = new Date();
  const { from, to } = timeWindow(query, now);
  const stripAt = stripWindow(from, to, now);
  const [account, page, strip] = await Promise.all([
    accountOption(db, workspace.id, query.account),
    listMessages({ db, workspaceId: workspace.id, query, extra }),
    // The strip drops the cursor: it shows the whole filtered period, not one page.
    filteredVolume(db, { workspaceId: workspace.id, query, extra, window: stripAt }),
  ]);

  let flags: Map<string, string[]> | undefined;
  if (review) {
    const domains = await recipientDomainsOf(db, workspace.id, page.rows.map((r) => r.id));
    flags = new Map(page.rows.map((r) => [r.id, flagsOf({ clientIp: r.clientIp, createdAt: r.createdAt, domains: domains.get(r.id) ?? [] }, review, r.id)]));
  }
  const exportHref = `/api/w/${workspace.slug}/delivery-logs/export?${queryToParams(query)}`;
  const nextHref = page.nextCursor ? `${basePath}?${queryToParams(query, { cursor: page.nextCursor })}` : null;

  return (
    <div className="mx-auto max-w-[90rem] space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Delivery Logs</h1>
          <p className="mt-1 text-sm text-slate-600">Every message the relay accepted for {workspace.name}, newest first. Times are UTC.</p>
        </div>
        <a href={exportHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium" download>
          Export CSV
        </a>
      </div>
      {review && (
        <ReviewSummary
          review={review}
          flaggedOnly={flaggedOnly}
          flaggedOnlyHref={`${basePath}?${queryToParams(query, { flagged: "1" })}`}
          allHref={`${basePath}?${queryToParams(query, { flagged: undefined })}`}
          accountHref={`/w/${workspace.slug}/smtp-accounts/${review.account.id}`}
        />
      )}
      <LogFilters query={query} workspace={workspace.slug} account={account} basePath={basePath} />
      <VolumeStrip strip={strip} bucketMs={stripAt.bucketMs} />
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">No messages match these filters</p>
          <p className="mt-1 text-sm text-slate-600">Widen the time range or clear a filter. Messages older than the retention period are pruned.</p>
        </div>
      ) : (
        <MessagesTable workspace={workspace.slug} rows={page.rows} flags={flags} />
      )}
      <NewestOlderPager newestHref={query.cursor ? `${basePath}?${queryToParams(query)}` : null} olderHref={nextHref ?? null} />
    </div>
  );
}
