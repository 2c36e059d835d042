import type { Metadata } from "next";
import Link from "next/link";
import { AccountsTable } from "@/components/smtp-accounts/accounts-table";
import { CreateAccountForm } from "@/components/smtp-accounts/create-account-form";
import { ShowOnceSetting } from "@/components/smtp-accounts/show-once-setting";
import { getEnv } from "@/lib/env";
import { can } from "@/lib/auth/roles";
import { requireWorkspacePage } from "@/lib/auth/workspace-context";
import { getDb } from "@/lib/db";
import { accountSends24h } from "@/lib/charts/account-sends";
import { listVerifiedDomainNames } from "@/lib/domains/list-domains";
import { listAccounts, ZListAccountsQuery } from "@/lib/smtp-accounts/list-accounts";
import { ACCOUNT_FILTER_LABELS, ACCOUNT_FILTERS } from "@/lib/access-policy/account-filters";
import { countExpiringSoon } from "@/lib/access-policy/account-policies";

export const metadata: Metadata = { title: "SMTP Accounts" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SmtpAccountsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const raw = await searchParams;
  const { workspace, role } = await requireWorkspacePage(slug, "accounts:view");
  const canManage = can(role, "credentials:reveal");
  const canTest = can(role, "accounts:test");
  const env = getEnv();
  const ports = { starttls: env.SMTP_PUBLIC_PORT, tls: env.SMTPS_PUBLIC_PORT };
  const query = ZListAccountsQuery.parse(raw);
  const db = getDb();
  const now = new Date();
  const { maxPasswordLifetimeDays, showPasswordsOnce: showOnce } = workspace;
  const [{ accounts, total, totalCapped, isFirstPage, nextCursor }, domains, expiringSoon] = await Promise.all([
    listAccounts(db, { workspaceId: workspace.id, query, now, maxPasswordLifetimeDays }),
    canManage ? listVerifiedDomainNames(db, workspace.id) : Promise.resolve([]),
    countExpiringSoon(db, { workspaceId: workspace.id, maxPasswordLifetimeDays, now }),
  ]);
  const sends = await accountSends24h(db, { workspaceId: workspace.id, accountIds: accounts.map((a) => a.id) });
  const autoOpen =
    typeof raw.reveal === "string"
      ? { accountId: raw.reveal, mode: "reveal" as const }
      : typeof raw.reset === "string"
        ? { accountId: raw.reset, mode: "confirm-reset" as const }
        : typeof raw.rotate === "string"
          ? { accountId: raw.rotate, mode: "confirm-rotate" as const }
          : undefined;
  // Back from a step-up sign-in that Create account asked for: the form, filled in again.
  const text = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");
  const createDraft = raw.create === "1" ? { label: text(raw.label, 100), from: text(raw.from, 254) } : undefined;
  const pageHref = (after?: string) =>
    `?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.filter ? { filter: query.filter } : {}), sort: query.sort, dir: query.dir, ...(after ? { after } : {}) })}`;

  return (
    <div className="mx-auto max-w-7xl">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">SMTP Accounts</h1>
          <p className="mt-1 text-sm text-slate-600">
            Every SMTP account of {workspace.name}. Applications use these credentials to send through the MigoSMTP relay.
          </p>
        </div>
        {canManage && <CreateAccountForm workspace={workspace.slug} domains={domains} draft={createDraft} />}
      </div>

      {expiringSoon > 0 && (
        <p role="status" className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {expiringSoon === 1 ? "1 account's password expires" : `${expiringSoon} accounts' passwords expire`} within 14 days or already has.{" "}
          <Link href={`?filter=expiring-30d`} className="font-medium underline">
            Show accounts expiring in 30 days
          </Link>
        </p>
      )}

      <form role="search" className="mt-6 flex flex-wrap gap-2" action="">
        <label htmlFor="account-search" className="sr-only">
          Search by label or username
        </label>
        <input
          id="account-search"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          maxLength={100}
          placeholder="Search by label or username"
          className="w-full max-w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <label htmlFor="account-filter" className="sr-only">
          Show
        </label>
        <select id="account-filter" name="filter" defaultValue={query.filter ?? ""} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          <option value="">All accounts</option>
          {ACCOUNT_FILTERS.map((f) => (
            <option key={f} value={f}>
              {ACCOUNT_FILTER_LABELS[f]}
            </option>
          ))}
        </select>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
          Search
        </button>
      </form>

      <div className="mt-4">
        {total === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
            {query.filter && !query.q ? (
              <>
                <p className="font-medium">No account is {ACCOUNT_FILTER_LABELS[query.filter].toLowerCase()}.</p>
                <p className="mt-1 text-sm text-slate-600">
                  <Link href={`/w/${workspace.slug}/smtp-accounts`} className="text-indigo-700 hover:underline">
                    Show all accounts
                  </Link>
                  .
                </p>
              </>
            ) : query.q ? (
              <>
                <p className="font-medium">No account matches “{query.q}”.</p>
                <p className="mt-1 text-sm text-slate-600">
                  Check the spelling, search by part of the label or the username, or{" "}
                  <Link href={`/w/${workspace.slug}/smtp-accounts`} className="text-indigo-700 hover:underline">
                    clear the search
                  </Link>
                  .
                </p>
              </>
            ) : (
              <>
                <p className="font-medium">No SMTP accounts yet</p>
                <p className="mt-1 text-sm text-slate-600">
                  {canManage
                    ? "Create one for each application that sends mail: choose a label and a From address on a verified domain, then copy the credentials into the application."
                    : "An admin of this workspace creates SMTP accounts; ask one to set up the account your application needs."}
                </p>
              </>
            )}
          </div>
        ) : (
          <AccountsTable
            workspace={workspace.slug}
            accounts={accounts}
            query={query}
            canManage={canManage}
            autoOpen={canManage ? autoOpen : undefined}
            testPorts={canTest ? ports : undefined}
            sends={sends}
            now={now}
            showOnce={showOnce}
          />
        )}
      </div>

      {can(role, "settings:manage") && <ShowOnceSetting workspace={workspace.slug} workspaceName={workspace.name} enabled={showOnce} />}

      {(!isFirstPage || nextCursor) && (
        <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
          <span className="text-slate-600">{totalCapped ? `More than ${total.toLocaleString("en-US")} accounts` : `${total} accounts`}</span>
          <span className="flex gap-2">
            {!isFirstPage && (
              <Link href={pageHref()} className="rounded-md border border-slate-300 bg-white px-3 py-1">
                First page
              </Link>
            )}
            {nextCursor && (
              <Link href={pageHref(nextCursor)} className="rounded-md border border-slate-300 bg-white px-3 py-1">
                Next
              </Link>
            )}
          </span>
        </nav>
      )}
    </div>
  );
}
