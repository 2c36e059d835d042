import type { Metadata } from "next";
import { AddDomainForm } from "@/components/domains/add-domain-form";
import { DomainCard } from "@/components/domains/domain-card";
import { can } from "@/lib/auth/roles";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { listDomains } from "@/lib/domains/list-domains";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Domains" };

type Props = { params: Promise<{ workspace: string }> };

export default async function DomainsPage({ params }: Props) {
  const { workspace: slug } = await params;
  const { workspace, role } = await requireWorkspacePage(slug, "domains:view");
  const canManage = can(role, "domains:manage");
  const env = getEnv();
  const domains = await listDomains(getDb(), { workspaceId: workspace.id, spfHost: env.SMTP_PUBLIC_HOST, maxQueueAgeSeconds: env.RELAY_MAX_QUEUE_AGE });

  return (
    <div className="mx-auto max-w-7xl">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Domains</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            SMTP accounts of {workspace.name} send only from verified domains. Publish each domain&apos;s records at your DNS provider: the ownership record verifies
            it, the DKIM record lets receivers check MigoSMTP&apos;s signature.
          </p>
        </div>
        {canManage && <AddDomainForm workspace={workspace.slug} />}
      </div>
      <div className="mt-6 space-y-4">
        {domains.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
            <p className="font-medium">No domains yet</p>
            <p className="mt-1 text-sm text-slate-600">
              {canManage ? "Add the domain your applications send from, then publish the records shown." : "An admin of this workspace adds and verifies domains."}
            </p>
          </div>
        ) : (
          domains.map((d) => <DomainCard key={d.id} workspace={workspace.slug} domain={d} canManage={canManage} />)
        )}
      </div>
    </div>
  );
}
