import { can } from "@/lib/auth/roles";
import { Sidebar } from "@/components/layout/sidebar";
import { ToastProvider } from "@/components/ui/toast";
import { requireWorkspacePage, listUserWorkspaces } from "@/lib/auth/workspace-context";

type Props = { children: React.ReactNode; params: Promise<{ workspace: string }> };

// On a phone the sidebar sits above the page instead of beside it, so nothing scrolls sideways.
export default async function WorkspaceLayout({ children, params }: Props) {
  const { workspace: slug } = await params;
  const { user, workspace, role } = await requireWorkspacePage(slug);
  const workspaces = await listUserWorkspaces(user.id);
  return (
    <ToastProvider>
      <div className="flex min-h-screen flex-col md:flex-row">
        <Sidebar
          current={{ slug: workspace.slug, name: workspace.name }}
          workspaces={workspaces.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name }))}
          user={{ email: user.email, name: user.name, role }}
          show={{ members: can(role, "members:manage"), auditLog: can(role, "audit:view"), settings: can(role, "workspace:settings"), apiTokens: can(role, "api-tokens:manage"), suppressions: can(role, "suppressions:manage"), webhooks: can(role, "webhooks:manage") }}
        />
        <main className="min-w-0 flex-1 p-4 md:p-8">{children}</main>
      </div>
    </ToastProvider>
  );
}
