import type { Metadata } from "next";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { FilterActions, filterInputClass, TimeRangeFields } from "@/components/filters/filter-fields";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatTime, toInputValue } from "@/components/delivery-logs/format";
import { LoginsByIpChart } from "@/components/charts/logins-by-ip-chart";
import { RangeTabs } from "@/components/charts/range-tabs";
import { VolumeChart } from "@/components/charts/volume-chart";
import { loginsByIp } from "@/lib/charts/login-activity";
import { messageVolume } from "@/lib/charts/message-volume";
import { chartWindow, ZChartRange } from "@/lib/charts/range";
import { AlertsSection } from "@/components/alerts/alerts-section";
import { IncidentBanner } from "@/components/incidents/incident-banner";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { ReportCompromiseButton } from "@/components/incidents/report-compromise-button";
import { GraceWindow } from "@/components/smtp-accounts/grace-window";
import { can } from "@/lib/auth/roles";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { getAccountSummary } from "@/lib/delivery-logs/account-options";
import { listLoginEvents, parseLoginEventQuery, type TLoginEventQuery } from "@/lib/delivery-logs/login-events";
import { defaultReviewWindow } from "@/lib/delivery-logs/review";
import { AppError } from "@/lib/errors/app-error";
import { parseIncidentSummary } from "@/lib/incidents/summary";
import { openIncidents } from "@/lib/incidents/report-compromise";
import { fromEmailOf, fromEmailText } from "@/lib/smtp-accounts/from-email";
import { PoliciesSection } from "@/components/access-policy/policies-section";
import { getAccountPolicies } from "@/lib/access-policy/account-policies";
import { GRACE_ACCOUNT_SELECT, graceStatus } from "@/lib/smtp-accounts/grace-status";
import { requireAccount } from "@/lib/tenancy/loaders";

export const metadata: Metadata = { title: "SMTP account" };

type Props = { params: Promise<{ workspace: string; accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };


function eventParams(q: TLoginEventQuery, cursor?: string) {
  const p = new URLSearchParams();
  if (q.result) p.set("result", q.result);
  if (q.ip) p.set("ip", q.ip);
  if (q.preset) p.set("preset", q.preset);
  if (q.from) p.set("from", q.from.toISOString());
  if (q.to) p.set("to", q.to.toISOString());
  if (cursor) p.set("cursor", cursor);
  return p;
}

export default async function AccountPage({ params, searchParams }: Props) {
  const { workspace: slug, accountId } = await params;
  const { workspace, role } = await requireWorkspacePage(slug, "accounts:view");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(accountId)) notFound();
  const db = getDb();
  const raw = await searchParams;
  const query = parseLoginEventQuery(raw);
  const now = new Date();
  const range = ZChartRange.parse(raw.chart ?? "7d");
  const volumeWindow = chartWindow(range);
  // Hourly login lines stay readable up to a week; a 30-day view shows the last 7 days of logins.
  const loginWindow = chartWindow(range === "30d" ? "7d" : range);
  // All at once: every read is bounded by the workspace, so an account id from another workspace
  // finds nothing, and the summary's NOT_FOUND answers the page. One after another, the page
  // waited on ~15 queries in four rounds.
  const notFoundIfMissing = (e: unknown): never => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  };
  const [account, events, incidents, policies, grace, alerts, volume, logins] = await Promise.all([
    getAccountSummary(db, workspace.id, accountId).catch(notFoundIfMissing),
    listLoginEvents({ db, workspaceId: workspace.id, accountId, query }),
    openIncidents(db, workspace.id, accountId),
    getAccountPolicies(db, { workspaceId: workspace.id, accountId, now }).catch(notFoundIfMissing),
    requireAccount(db, workspace.id, accountId, GRACE_ACCOUNT_SELECT)
      .then((row) => graceStatus(db, row))
      .catch(notFoundIfMissing),
    listAlerts({ db, workspace, accountId, take: 10 }),
    messageVolume(db, { workspaceId: workspace.id, accountId, window: volumeWindow }),
    loginsByIp(db, { workspaceId: workspace.id, accountId, window: loginWindow }),
  ]);
  const canReport = can(role, "incidents:report");
  const window = defaultReviewWindow(account);
  // The window drawn on the timeline: an open incident's, else the default review window.
  const reviewWindow = incidents[0] ? { from: incidents[0].windowStart, to: incidents[0].windowEnd } : { from: window.from, to: new Date() };
  const RANGE_LABEL = { "24h": "last 24 hours", "7d": "last 7 days", "30d": "last 30 days" } as const;
  const base = `/w/${workspace.slug}/smtp-accounts/${account.id}`;
  const reviewHref = (from: Date, to?: Date) =>
    `/w/${workspace.slug}/delivery-logs?${new URLSearchParams({ account: account.id, review: "1", from: from.toISOString(), ...(to ? { to: to.toISOString() } : {}) })}`;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <Link href={`/w/${workspace.slug}/smtp-accounts`} className="text-sm text-indigo-700 hover:underline">
          ← SMTP Accounts
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold">{account.label}</h1>
            <p className="mt-1 text-sm text-slate-600">
              <span className="font-mono">{account.username}</span> · From {fromEmailText(fromEmailOf(account))} · {account.status} · password version {account.passwordVersion}, changed{" "}
              <time dateTime={account.passwordChangedAt.toISOString()}>{formatTime(account.passwordChangedAt)}</time>
            </p>
          </div>
          <div className="flex gap-2">
            <Link href={reviewHref(window.from)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium">
              Review delivery log
            </Link>
            {canReport && <ReportCompromiseButton workspace={workspace.slug} account={{ id: account.id, label: account.label }} window={{ from: toInputValue(window.from), to: "" }} autoOpen={raw.report === "1"} />}
          </div>
        </div>
      </div>

      {grace && <GraceWindow workspace={workspace.slug} account={{ id: account.id, label: account.label }} grace={grace} canEnd={can(role, "credentials:reset")} now={now} />}

      {incidents.map((i) => {
        const summary = parseIncidentSummary(i.summary);
        const email = summary?.supportEmail;
        return (
          <IncidentBanner
            key={i.id}
            workspace={workspace.slug}
            canManage={canReport}
            incident={{
              id: i.id,
              accountLabel: account.label,
              reportedAt: formatTime(i.createdAt),
              window: `${formatTime(i.windowStart)} → ${formatTime(i.windowEnd)}`,
              heldCount: i.heldCount,
              supportEmail: email ? (email.sent ? `Summary sent to ${email.to}.` : `The summary could not be emailed to ${email.to} (${email.reply ?? "error"}); it is kept here.`) : "",
              reviewHref: reviewHref(i.windowStart, i.windowEnd),
            }}
          />
        );
      })}

      <AlertsSection workspace={workspace.slug} alerts={alerts} canManage={can(role, "alerts:manage")} canReport={canReport} emptyText="No alerts for this account." />

      <PoliciesSection workspace={workspace.slug} accountId={account.id} policies={policies} canManage={can(role, "policies:manage")} now={now} />

      <section aria-labelledby="activity-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="activity-heading" className="text-lg font-semibold">
            Activity
          </h2>
          <RangeTabs current={range} href={(r) => `${base}?chart=${r}`} />
        </div>
        <VolumeChart title={`Messages per ${volumeWindow.bucketMs < 86_400_000 ? "hour" : "day"}: accepted and delivery outcomes`} volume={volume} bucketMs={volumeWindow.bucketMs} rangeLabel={RANGE_LABEL[range]} />
        <LoginsByIpChart logins={logins} bucketMs={loginWindow.bucketMs} rangeLabel={RANGE_LABEL[range === "30d" ? "7d" : range]} review={reviewWindow} />
      </section>

      <section aria-labelledby="logins-heading" className="space-y-3">
        <h2 id="logins-heading" className="text-lg font-semibold">
          SMTP login events
        </h2>
        <form role="search" aria-label="Filter login events" action={base} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-5">
          <label className="text-xs font-medium text-slate-600">
            Result
            <select name="result" defaultValue={query.result ?? ""} className={filterInputClass}>
              <option value="">Success and failure</option>
              <option value="success">Success</option>
              <option value="failure">Failure</option>
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            Client IP
            <input name="ip" defaultValue={query.ip ?? ""} maxLength={64} className={filterInputClass} />
          </label>
          <TimeRangeFields preset={query.preset} from={query.from} to={query.to} />
          <FilterActions clearHref={base} className="col-span-2 md:col-span-5" />
        </form>
        {events.rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm">No login events match these filters.</p>
        ) : (
          <Table caption="SMTP login events, newest first">
            <TableHead>
                  <Th>Time</Th>
                  <Th>Result</Th>
                  <Th>Client IP</Th>
                  <Th>TLS</Th>
                  <Th>Method</Th>
                  <Th>Password version</Th>
                  <Th>Reason</Th>
                </TableHead>
              <TableBody>
                {events.rows.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap px-3 py-2">
                      <time dateTime={e.createdAt.toISOString()}>{formatTime(e.createdAt)}</time>
                    </td>
                    <td className="px-3 py-2">
                      <span className={`pill ${e.success ? "bg-emerald-50 text-emerald-700" : "bg-red-50 text-red-700"}`}>{e.success ? "success" : "failure"}</span>
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">{e.clientIp}</td>
                    <td className="px-3 py-2">{e.tlsProtocol ?? "none"}</td>
                    <td className="px-3 py-2">{e.method}</td>
                    <td className="px-3 py-2">{e.passwordVersion ?? ""}</td>
                    <td className="px-3 py-2">{e.reason ?? ""}</td>
                  </tr>
                ))}
              </TableBody>
            </Table>
        )}
        {events.nextCursor && (
          <nav aria-label="Login events pagination" className="flex justify-end text-sm">
            <Link href={`${base}?${eventParams(query, events.nextCursor)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1">
              Older
            </Link>
          </nav>
        )}
      </section>
    </div>
  );
}
