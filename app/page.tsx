import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { listUserWorkspaces } from "@/lib/auth/workspace-context";
import { SignOutButton } from "@/components/auth/sign-out-button";

export const dynamic = "force-dynamic";

// The landing page: straight to the user's first workspace, or a clear "no workspace yet".
export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  const memberships = await listUserWorkspaces(user.id);
  const first = memberships[0];
  if (first) redirect(`/w/${first.workspace.slug}/smtp-accounts`);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">No workspace yet</h1>
        <p className="mt-3 text-sm text-slate-600">
          You are signed in as <strong>{user.email}</strong>, but you are not a member of any MigoSMTP workspace. Ask a workspace owner to
          invite this email address, then sign in again.
        </p>
        <div className="mt-6 w-32">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
