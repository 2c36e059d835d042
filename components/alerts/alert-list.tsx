"use client";

// Alerts of a workspace or an account: rule, title, time, evidence links, and for admins
// Acknowledge, and Release held mail / Report compromise while the alert holds the account.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { acknowledgeAlertAction } from "@/lib/actions/alerts/acknowledge-alert";
import { releaseAlertHoldAction } from "@/lib/actions/alerts/release-alert-hold";

export type AlertRow = {
  id: string;
  ruleLabel: string;
  title: string;
  time: string;
  iso: string;
  account: { id: string; label: string } | null;
  acknowledged: string | null;
  holding: boolean;
  links: { label: string; href: string }[];
};

type Props = { workspace: string; alerts: AlertRow[]; canManage: boolean; canReport: boolean; emptyText: string };

const buttonClass = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium disabled:opacity-60";

export function AlertList({ workspace, alerts, canManage, canReport, emptyText }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(key: string, call: () => Promise<{ ok: boolean; message?: string }>, done: string) {
    setPending(key);
    setError(null);
    const result = await call();
    setPending(null);
    if (!result.ok) return setError(result.message ?? "Something went wrong.");
    toast(done);
    router.refresh();
  }

  if (alerts.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm">{emptyText}</p>;
  return (
    <div className="space-y-2">
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-busy={pending !== null}>
        {alerts.map((a) => (
          <li key={a.id} className={`space-y-1 p-3 text-sm ${a.holding ? "bg-amber-50" : ""}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p>
                <span className="mr-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{a.ruleLabel}</span>
                <span className="font-medium">{a.title}</span>
              </p>
              <time dateTime={a.iso} className="whitespace-nowrap text-xs text-slate-600">
                {a.time}
              </time>
            </div>
            <div className="flex flex-wrap items-center gap-2 text-xs">
              {a.account && (
                <Link href={`/w/${workspace}/smtp-accounts/${a.account.id}`} className="text-indigo-700 hover:underline">
                  {a.account.label}
                </Link>
              )}
              {a.links.map((l) => (
                <Link key={l.href} href={l.href} className="text-indigo-700 hover:underline">
                  {l.label}
                </Link>
              ))}
              {a.holding && <span className="rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-800">New mail held</span>}
              {a.acknowledged ? (
                <span className="text-slate-600">Acknowledged {a.acknowledged}</span>
              ) : (
                canManage && (
                  <button type="button" disabled={pending !== null} className={buttonClass} onClick={() => void run(`ack-${a.id}`, () => acknowledgeAlertAction({ workspace, alertId: a.id }), "Alert acknowledged")}>
                    {pending === `ack-${a.id}` ? "Acknowledging…" : "Acknowledge"}
                  </button>
                )
              )}
              {a.holding && canManage && (
                <button
                  type="button"
                  disabled={pending !== null}
                  className={buttonClass}
                  onClick={() =>
                    void run(`release-${a.id}`, async () => {
                      const r = await releaseAlertHoldAction({ workspace, alertId: a.id });
                      return r.ok ? { ok: true } : r;
                    }, `Hold of ${a.account?.label ?? "the account"} released: held mail queued for delivery`)
                  }
                >
                  {pending === `release-${a.id}` ? "Releasing…" : "Release held mail"}
                </button>
              )}
              {a.holding && canReport && a.account && (
                <Link href={`/w/${workspace}/smtp-accounts/${a.account.id}?report=1`} className="rounded-md bg-red-600 px-2.5 py-1 font-medium text-white hover:bg-red-700">
                  Report compromise
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
