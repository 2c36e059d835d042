// The portal's pages, from the production build's route manifest (so a new page shows up in the
// browser tours without a list to keep), each with its source file and the permission its
// guard names. "app/w/[workspace]/audit-log/page.tsx" → { route: "/w/[workspace]/audit-log",
// file: "app/w/[workspace]/audit-log/page.tsx", permission: "audit:view" }.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../lib/root";

export type BuiltPage = {
  /** The URL pattern, e.g. "/w/[workspace]/smtp-accounts/[accountId]". */
  route: string;
  /** The page's source under app/, or null for a page Next.js supplies itself ("/_global-error"). */
  file: string | null;
  /** The dynamic segments of the route, in order ("workspace", "accountId"). */
  params: string[];
  /** Whether the page is a workspace page (guarded by requireWorkspacePage), and with which permission. */
  guard: { kind: "public" } | { kind: "workspace"; permission: string | null };
};

type Manifest = Record<string, string>;

function readManifest(root: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(root, ".next", "app-path-routes-manifest.json"), "utf8")) as Manifest;
}

/** "/w/[workspace]/smtp-accounts/(list)/page" → "app/w/[workspace]/smtp-accounts/(list)/page.tsx"; "/_not-found/page" → "app/not-found.tsx". */
function sourceOf(root: string, entry: string): string | null {
  const dir = entry.replace(/\/page$/, "");
  const base = dir.startsWith("/_") ? `app/${dir.slice(2)}` : `app${dir}/page`;
  return ["tsx", "ts", "jsx", "js"].map((ext) => `${base}.${ext}`).find((file) => fs.existsSync(path.join(root, file))) ?? null;
}

const GUARD = /requireWorkspacePage\(\s*\w+\s*,\s*"([a-z]+:[a-z]+)"\s*\)/;

/** The permission a page's requireWorkspacePage call names, or null when it names none. */
export function permissionOf(source: string): string | null {
  return GUARD.exec(source)?.[1] ?? null;
}

/** Every page the production build serves (not route handlers), sorted by route. */
export function listPages(root = ROOT): BuiltPage[] {
  return Object.entries(readManifest(root))
    .filter(([entry]) => entry.endsWith("/page"))
    .map(([entry, route]) => {
      const file = sourceOf(root, entry);
      const params = [...route.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
      const source = file ? fs.readFileSync(path.join(root, file), "utf8") : "";
      // Under /w/[workspace] the layout guards every page; the page's own call names its permission.
      const guard = route.startsWith("/w/[workspace]") ? { kind: "workspace" as const, permission: permissionOf(source) } : { kind: "public" as const };
      return { route, file, params, guard };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}
