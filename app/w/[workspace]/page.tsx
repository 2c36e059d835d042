import { redirect } from "next/navigation";

// A workspace's own URL opens its overview.
export default async function WorkspaceHome({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  redirect(`/w/${encodeURIComponent(workspace)}/overview`);
}
