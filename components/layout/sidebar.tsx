import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLink } from "./nav-link";
import { WorkspaceSwitcher } from "./workspace-switcher";

type Props = {
  current: { slug: string; name: string };
  workspaces: { slug: string; name: string }[];
  user: { email: string; name: string | null; role: string };
  show: { members: boolean; auditLog?: boolean; settings?: boolean; apiTokens?: boolean; suppressions?: boolean; webhooks?: boolean };
};

export function Sidebar({ current, workspaces, user, show }: Props) {
  const base = `/w/${current.slug}`;
  return (
    <aside className="flex w-full shrink-0 flex-col border-b border-slate-200 bg-white md:w-60 md:border-b-0 md:border-r">
      <div className="border-b border-slate-200 p-4">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          MigoSMTP
        </Link>
        <WorkspaceSwitcher current={current.slug} workspaces={workspaces} />
      </div>
      <nav aria-label="Workspace" className="flex-1 p-3">
        <ul className="flex flex-wrap gap-1 md:block md:space-y-1">
          <li>
            <NavLink href={`${base}/overview`}>Overview</NavLink>
          </li>
          <li>
            <NavLink href={`${base}/smtp-accounts`}>SMTP Accounts</NavLink>
          </li>
          <li>
            <NavLink href={`${base}/delivery-logs`}>Delivery Logs</NavLink>
          </li>
          <li>
            <NavLink href={`${base}/domains`}>Domains</NavLink>
          </li>
          {show.suppressions && (
            <li>
              <NavLink href={`${base}/suppressions`}>Suppression list</NavLink>
            </li>
          )}
          {show.auditLog && (
            <li>
              <NavLink href={`${base}/audit-log`}>Audit Log</NavLink>
            </li>
          )}
          {show.webhooks && (
            <li>
              <NavLink href={`${base}/webhooks`}>Webhooks</NavLink>
            </li>
          )}
          {show.apiTokens && (
            <li>
              <NavLink href={`${base}/settings/api-tokens`}>API tokens</NavLink>
            </li>
          )}
          {show.members && (
            <li>
              <NavLink href={`${base}/members`}>Members</NavLink>
            </li>
          )}
          {show.settings && (
            <li>
              <NavLink href={`${base}/settings`}>Settings</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <div className="border-t border-slate-200 p-3">
        <p className="truncate px-3 text-sm font-medium" title={user.email}>
          {user.name ?? user.email}
        </p>
        <p className="truncate px-3 text-xs text-slate-500">
          {user.email} · {user.role}
        </p>
        <div className="mt-2">
          <SignOutButton />
        </div>
      </div>
    </aside>
  );
}
