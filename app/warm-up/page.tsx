// Only for the portal's warm-up (scripts/portal-warm-up.ts), which GETs every route of the build
// before the port opens: its workspace pages render empty, so this page renders what they show
// with data (a full SMTP Accounts table, a Delivery Logs page, the overview's and an account's
// charts) from made-up rows, and the code that renders real pages runs before the first visitor.
// Anyone else: not found.
import { notFound } from "next/navigation";
import { BarList } from "@/components/charts/bar-list";
import { CountChart } from "@/components/charts/count-chart";
import { LoginsByIpChart } from "@/components/charts/logins-by-ip-chart";
import { VolumeChart } from "@/components/charts/volume-chart";
import { MessagesTable } from "@/components/delivery-logs/messages-table";
import { AccountsTable } from "@/components/smtp-accounts/accounts-table";
import { chartWindow } from "@/lib/charts/range";
import { getCurrentUser } from "@/lib/auth/session";
import { WARM_UP_USER } from "@/lib/warm-up/principal";
import { sampleAccountRows, sampleCounts, sampleLoginsByIp, sampleMessageRows, sampleSends, sampleVolume } from "@/lib/warm-up/sample-rows";

export default async function WarmUpPage() {
  // The warm-up's principal, as every page resolves it (lib/auth/session.ts): nobody else is it.
  if ((await getCurrentUser()) !== WARM_UP_USER) notFound();
  const now = new Date();
  const accounts = sampleAccountRows(50, now);
  const day = chartWindow("24h", now);
  const week = chartWindow("7d", now);
  return (
    <div>
      <AccountsTable workspace="warm-up" accounts={accounts} query={{ sort: "label", dir: "asc" }} canManage testPorts={{ starttls: 587, tls: 465 }} sends={sampleSends(accounts)} now={now} />
      <MessagesTable workspace="warm-up" rows={sampleMessageRows(50, now)} />
      {[day, week].map((window) => (
        <div key={window.bucketMs + window.start.getTime()}>
          <VolumeChart title="Messages" volume={sampleVolume(window)} bucketMs={window.bucketMs} rangeLabel="Warm-up" />
          <CountChart title="SMTP AUTH failures" summary="Warm-up" buckets={sampleCounts(window)} bucketMs={window.bucketMs} countLabel="Failures" />
          <LoginsByIpChart logins={sampleLoginsByIp(window)} bucketMs={window.bucketMs} rangeLabel="Warm-up" review={{ from: window.start, to: now }} />
        </div>
      ))}
      <BarList title="Top accounts" summary="Warm-up" items={accounts.slice(0, 10).map((a, i) => ({ label: a.label, count: 100 - i, href: `/w/warm-up/smtp-accounts/${a.id}` }))} countLabel="Messages" />
    </div>
  );
}
