// The alerts section of the overview and the account page: heading, list, and (overview) the
// signed-in member's email choices.
import { formatTime } from "@/components/delivery-logs/format";
import type { AlertListItem } from "@/lib/alerts/list-alerts";
import { AlertList } from "./alert-list";

type Props = {
  workspace: string;
  alerts: AlertListItem[];
  canManage: boolean;
  canReport: boolean;
  emptyText: string;
  children?: React.ReactNode;
};

export function AlertsSection({ workspace, alerts, canManage, canReport, emptyText, children }: Props) {
  const open = alerts.filter((a) => !a.acknowledgedAt).length;
  return (
    <section aria-labelledby="alerts-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="alerts-heading" className="text-lg font-semibold">
          Alerts
        </h2>
        <p className="text-sm text-slate-600">{open === 0 ? "Nothing waiting to be acknowledged." : `${open} not acknowledged yet.`}</p>
      </div>
      <AlertList
        workspace={workspace}
        canManage={canManage}
        canReport={canReport}
        emptyText={emptyText}
        alerts={alerts.map((a) => ({
          id: a.id,
          ruleLabel: a.ruleLabel,
          title: a.title,
          time: formatTime(a.createdAt),
          iso: a.createdAt.toISOString(),
          account: a.account,
          acknowledged: a.acknowledgedAt ? formatTime(a.acknowledgedAt) : null,
          holding: a.holding,
          links: a.links,
        }))}
      />
      {children}
    </section>
  );
}
