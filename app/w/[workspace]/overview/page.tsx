import type { Metadata } from "next";
import Link from "next/link";
import { AlertOptOutForm } from "@/components/alerts/alert-opt-out-form";
import { AlertsSection } from "@/components/alerts/alerts-section";
import { BarList } from "@/components/charts/bar-list";
import { CountChart } from "@/components/charts/count-chart";
import { RangeTabs } from "@/components/charts/range-tabs";
import { VolumeChart } from "@/components/charts/volume-chart";
import { alertOptOuts } from "@/lib/alerts/alert-settings";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { can } from "@/lib/auth/roles";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { authFailures } from "@/lib/charts/login-activity";
import { messageVolume } from "@/lib/charts/message-volume";
import { chartWindow, ZChartRange } from "@/lib/charts/range";
import { topAccounts } from "@/lib/charts/top-accounts";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Overview" };

const RANGE_LABEL = { "24h": "last 24 hours", "7d": "last 7 days", "30d": "last 30 days" } as const;

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const { workspace, role, user } = await requireWorkspacePage(slug, "accounts:view");
  const range = ZChartRange.parse((await searchParams).range);
  const window = chartWindow(range);
  const db = getDb();
  const [volume, top, failures, alerts, optedOut] = await Promise.all([
    messageVolume(db, { workspaceId: workspace.id, window }),
    topAccounts(db, { workspaceId: workspace.id, window }),
    authFailures(db, { workspaceId: workspace.id, window: chartWindow(range === "30d" ? "7d" : range) }),
    listAlerts({ db, workspace }),
    alertOptOuts(db, workspace.id, user.id),
  ]);
  const base = `/w/${workspace.slug}`;
  const rangeLabel = RANGE_LABEL[range];
  const failureRange = range === "30d" ? RANGE_LABEL["7d"] : rangeLabel;

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className="mt-1 text-sm text-slate-600">How {workspace.name} is sending: volume by outcome, the busiest accounts and failed SMTP logins. Times in UTC.</p>
        </div>
        <RangeTabs current={range} href={(r) => `${base}/overview?range=${r}`} />
      </div>
      {volume.total === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm">
          No mail in the {rangeLabel}. Point an application at the relay with the credentials of an{" "}
          <Link href={`${base}/smtp-accounts`} className="text-indigo-700 hover:underline">
            SMTP account
          </Link>
          , then watch it arrive here and in the{" "}
          <Link href={`${base}/delivery-logs`} className="text-indigo-700 hover:underline">
            Delivery Logs
          </Link>
          .
        </p>
      )}
      <AlertsSection
        workspace={workspace.slug}
        alerts={alerts}
        canManage={can(role, "alerts:manage")}
        canReport={can(role, "incidents:report")}
        emptyText="No alerts. The relay watches for sign-ins from new networks, AUTH failures, sending spikes, bounce rates and old password versions."
      >
        <AlertOptOutForm workspace={workspace.slug} optedOut={optedOut} receivesEmails={can(role, "alerts:manage")} />
      </AlertsSection>
      <VolumeChart title={`Messages per ${window.bucketMs < 86_400_000 ? "hour" : "day"}: accepted and delivery outcomes`} volume={volume} bucketMs={window.bucketMs} rangeLabel={rangeLabel} />
      <div className="grid gap-6 lg:grid-cols-2">
        <BarList
          title="Top accounts by volume"
          summary={top.length ? `Busiest in the ${rangeLabel}: ${top.map((t) => `${t.label} (${t.count})`).join(", ")}.` : `No account sent mail in the ${rangeLabel}.`}
          items={top.map((t) => ({ label: t.label, count: t.count, href: `${base}/smtp-accounts/${t.accountId}` }))}
          countLabel="Messages"
        />
        <CountChart
          title="SMTP AUTH failures per hour"
          summary={failures.total === 0 ? `No failed SMTP logins in the ${failureRange}.` : `${failures.total} failed SMTP logins in the ${failureRange}.`}
          buckets={failures.buckets}
          bucketMs={3_600_000}
          countLabel="Failures"
          fill="fill-red-500"
        />
      </div>
    </div>
  );
}
