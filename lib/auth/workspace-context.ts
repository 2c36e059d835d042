// The authorisation chain every page, action and route goes through: signed-in user →
// membership of the workspace in the URL → role permission. A workspace the user is not a
// member of is indistinguishable from one that does not exist (404, never 403).
// Within one server render (layout and page) the user and their memberships are read once:
// React's `cache` keeps them for that request only (actions and routes read them afresh).
import { headers } from "next/headers";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getDb } from "../db";
import { can, type Permission, type Role, ZRole } from "./roles";
import { type CurrentUser, getCurrentUser } from "./session";
import { WARM_UP_USER, WARM_UP_WORKSPACE_ID } from "../warm-up/principal";

/**
 * The workspace settings a page needs before its own reads come along with the membership, so
 * the page does not wait for one more round trip to the database (on PostgreSQL each is ~0.5 ms
 * in series). Writers that depend on a setting read it again in their transaction.
 */
const WORKSPACE_SELECT = { id: true, slug: true, name: true, maxPasswordLifetimeDays: true, showPasswordsOnce: true } as const;

export type WorkspaceContext = {
  user: CurrentUser;
  workspace: { id: string; slug: string; name: string; maxPasswordLifetimeDays: number | null; showPasswordsOnce: boolean };
  role: Role;
};

export type ContextResult =
  | { ok: true; context: WorkspaceContext }
  | { ok: false; code: "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" };

export async function loadWorkspaceContext(slug: string, permission?: Permission): Promise<ContextResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, code: "UNAUTHENTICATED" };
  if (typeof slug !== "string" || slug.length > 64) return { ok: false, code: "NOT_FOUND" };
  const memberships = await listUserWorkspaces(user.id);
  // The warm-up (a member of nothing: the read above finds nothing) owns only a workspace that does not exist: its pages render empty.
  if (user === WARM_UP_USER)
    return { ok: true, context: { user, workspace: { id: WARM_UP_WORKSPACE_ID, slug, name: "Warm-up", maxPasswordLifetimeDays: null, showPasswordsOnce: false }, role: "owner" } };
  const membership = memberships.find((m) => m.workspace.slug === slug);
  if (!membership) return { ok: false, code: "NOT_FOUND" };
  const role = ZRole.parse(membership.role);
  if (permission && !can(role, permission)) return { ok: false, code: "FORBIDDEN" };
  return { ok: true, context: { user, workspace: membership.workspace, role } };
}

/** For pages: redirects to sign-in (coming back here afterwards) or renders not-found. */
export async function requireWorkspacePage(slug: string, permission?: Permission): Promise<WorkspaceContext> {
  const result = await loadWorkspaceContext(slug, permission);
  if (result.ok) return result.context;
  if (result.code === "UNAUTHENTICATED") redirect(await signInUrlForCurrentPage());
  notFound();
}

export async function signInUrlForCurrentPage(): Promise<string> {
  const path = (await headers()).get("x-migosmtp-path") ?? "/";
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}

/** Every workspace the user belongs to, with the role there, by name (the switcher's list). */
export const listUserWorkspaces = cache(async (userId: string) =>
  getDb().membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: WORKSPACE_SELECT } },
    orderBy: { workspace: { name: "asc" } },
  }),
);
