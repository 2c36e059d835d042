import type { Metadata } from "next";
import { MaxLifetimeForm } from "@/components/access-policy/max-lifetime-form";
import { AlertRulesForm } from "@/components/alerts/alert-rules-form";
import { getAlertRuleSettings } from "@/lib/alerts/alert-settings";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, "workspace:settings");
  const db = getDb();
  const days = workspace.maxPasswordLifetimeDays;
  const rules = await getAlertRuleSettings(db, workspace.id);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Workspace settings</h1>
        <p className="mt-1 text-sm text-slate-600">Rules for every SMTP account of {workspace.name}. Each change is recorded in the Audit Log.</p>
      </div>
      <section aria-labelledby="passwords-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="passwords-heading" className="text-lg font-semibold">
          SMTP passwords
        </h2>
        <MaxLifetimeForm workspace={workspace.slug} days={days} />
      </section>
      <section aria-labelledby="alerts-heading" className="space-y-1 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="alerts-heading" className="text-lg font-semibold">
          Alert rules
        </h2>
        <p className="text-sm text-slate-600">
          The relay checks these continuously and emails owners and admins once per rule, account and hour. Auto-hold keeps the account&apos;s new mail (accepted, not delivered) until an admin releases it or reports a
          compromise.
        </p>
        <AlertRulesForm workspace={workspace.slug} rules={rules} />
      </section>
    </div>
  );
}
