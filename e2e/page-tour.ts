// The stops of the browser tours (accessibility and visual): every page of the production build
// (stack/pages.ts, from its route manifest), each with a concrete URL in one workspace and the
// roles that may open it. Nothing here lists pages: a new page joins the tours by itself, and a
// page whose URL cannot be filled in (a new route parameter) fails them until it can.
import type { Page } from "@playwright/test";
import { can, type Permission, type Role } from "../lib/auth/roles";
import { type BuiltPage, listPages } from "../stack/pages";
import { queryOne } from "./db";

/** Pages nobody opens on purpose, and why they are not toured. */
const UNREACHABLE: Record<string, string> = {
  "/_global-error": "Next.js's own page for an error thrown by the root layout itself",
  "/warm-up": "renders only for the portal's start-up warm-up (app/warm-up/page.tsx); anyone else is not found",
};

/** Pages without a URL of their own: the URL that shows them. */
const SHOWN_AT: Record<string, string> = { "/_not-found": "/no-such-page" };

// Each route parameter filled in within a workspace, with the oldest row: the demo seed's,
// which no other test changes (so screenshots compare like with like).
const PARAMS: Record<string, (workspace: string) => string> = {
  workspace: (workspace) => workspace,
  accountId: (workspace) =>
    queryOne<{ id: string }>(
      "SELECT a.id FROM SmtpAccount a JOIN Workspace w ON w.id = a.workspaceId WHERE w.slug = ? ORDER BY a.createdAt, a.label LIMIT 1",
      workspace,
    ).id,
  messageId: (workspace) =>
    queryOne<{ id: string }>("SELECT m.id FROM Message m JOIN Workspace w ON w.id = m.workspaceId WHERE w.slug = ? ORDER BY m.createdAt, m.subject LIMIT 1", workspace).id,
};

export type Stop = {
  route: string;
  /** The URL visited. */
  path: string;
  /** The screenshot's name: the route without its workspace prefix ("smtp-accounts-accountId"). */
  name: string;
  /** A workspace page, toured by each role it is open to; the others are toured signed out first. */
  inWorkspace: boolean;
  openTo: (role: Role) => boolean;
};

export function stopName(route: string): string {
  return (
    route
      .replace(/^\/w\/\[workspace\]\/?/, "")
      .replace(/^\/_/, "")
      .replace(/[[\]]/g, "")
      .replace(/\//g, "-")
      .replace(/^-/, "") || (route.startsWith("/w/") ? "workspace" : "root")
  );
}

function fill(page: BuiltPage, workspace: string): string {
  return page.route.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = PARAMS[name];
    if (!value) throw new Error(`The tours cannot open ${page.route}: no way to fill [${name}]. Add it to PARAMS in e2e/page-tour.ts.`);
    return encodeURIComponent(value(workspace));
  });
}

/** Every page of the build as a stop in `workspace`; pages in UNREACHABLE are left out. */
export function tourStops(workspace: string): Stop[] {
  return listPages()
    .filter((p) => !(p.route in UNREACHABLE))
    .map((p) => ({
      route: p.route,
      path: SHOWN_AT[p.route] ?? fill(p, workspace),
      name: stopName(p.route),
      inWorkspace: p.guard.kind === "workspace",
      openTo: (role: Role) => p.guard.kind === "workspace" && (p.guard.permission === null || can(role, p.guard.permission as Permission)),
    }));
}

/** Routes that UNREACHABLE or SHOWN_AT name but the build does not have (must be none). */
export function staleTourEntries(): string[] {
  const routes = listPages().map((p) => p.route);
  return [...Object.keys(UNREACHABLE), ...Object.keys(SHOWN_AT)].filter((r) => !routes.includes(r));
}

/**
 * Opens each stop and calls `judge` on each page that stays where it was opened. A page that
 * redirects (the workspace's own URL, "/", or a page that sends a signed-out visitor to sign
 * in) is not judged there: it must land on another stop, which is. Returns the stops that
 * redirected, so a signed-out tour can hand them to a signed-in one.
 */
export async function tour(page: Page, stops: Stop[], all: Stop[], judge: (stop: Stop) => Promise<void>): Promise<Stop[]> {
  const redirected: Stop[] = [];
  for (const stop of stops) {
    await page.goto(stop.path);
    const landed = new URL(page.url()).pathname;
    if (landed === stop.path) {
      await judge(stop);
      continue;
    }
    if (!all.some((s) => s.path === landed)) throw new Error(`${stop.path} redirected to ${landed}, which is not a page of the tour`);
    redirected.push(stop);
  }
  return redirected;
}
