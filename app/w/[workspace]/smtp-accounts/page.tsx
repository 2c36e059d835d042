import type { Metadata } from "next";
import { AccountsTable } from "@/components/smtp-accounts/accounts-table";
import { can } from "@/lib/auth/roles";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { listAccounts } from "@/lib/smtp-accounts/list-accounts";

export const metadata: Metadata = { title: "SMTP Accounts" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SmtpAccountsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const query = await searchParams;
  const { workspace, role } = await requireWorkspacePage(slug, "accounts:view");
  const canReveal = can(role, "credentials:reveal");
  const autoOpen =
    typeof query.reveal === "string"
      ? { accountId: query.reveal, mode: "reveal" as const }
      : typeof query.reset === "string"
        ? { accountId: query.reset, mode: "confirm-reset" as const }
        : undefined;
  const accounts = await listAccounts(getDb(), { workspaceId: workspace.id });
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">SMTP Accounts</h1>
      <p className="mt-1 text-sm text-slate-600">Every SMTP account of {workspace.name}. Applications use these credentials to send through the MigoSMTP relay.</p>
      <div className="mt-6">
        <AccountsTable workspace={workspace.slug} accounts={accounts} canReveal={canReveal} autoOpen={canReveal ? autoOpen : undefined} />
      </div>
    </div>
  );
}
