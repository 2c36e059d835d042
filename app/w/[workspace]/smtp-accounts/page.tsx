import type { Metadata } from "next";
import { AccountsTable } from "@/components/smtp-accounts/accounts-table";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { listAccounts } from "@/lib/smtp-accounts/list-accounts";

export const metadata: Metadata = { title: "SMTP Accounts" };

type Props = { params: Promise<{ workspace: string }> };

export default async function SmtpAccountsPage({ params }: Props) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, "accounts:view");
  const accounts = await listAccounts(getDb(), { workspaceId: workspace.id });
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">SMTP Accounts</h1>
      <p className="mt-1 text-sm text-slate-600">Every SMTP account of {workspace.name}. Applications use these credentials to send through the MigoSMTP relay.</p>
      <div className="mt-6">
        <AccountsTable accounts={accounts} />
      </div>
    </div>
  );
}
