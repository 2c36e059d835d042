import { can } from "@/lib/auth/roles";
import { Sidebar } from "@/components/layout/sidebar";
import { requireWorkspacePage, listUserWorkspaces } from "@/lib/auth/workspace-context";

type Props = { children: React.ReactNode; params: Promise<{ workspace: string }> };

export default async function WorkspaceLayout({ children, params }: Props) {
  const { workspace: slug } = await params;
  const { user, workspace, role } = await requireWorkspacePage(slug);
  const workspaces = await listUserWorkspaces(user.id);
  return (
    <div className="flex min-h-screen">
      <Sidebar
        current={{ slug: workspace.slug, name: workspace.name }}
        workspaces={workspaces.map((m) => m.workspace)}
        user={{ email: user.email, name: user.name, role }}
        show={{ members: can(role, "members:manage"), auditLog: can(role, "audit:view") }}
      />
      <main className="min-w-0 flex-1 p-8">{children}</main>
    </div>
  );
}
