import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listPages, permissionOf } from "./pages";

function fakeBuild(manifest: Record<string, string>, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pages-"));
  fs.mkdirSync(path.join(root, ".next"));
  fs.writeFileSync(path.join(root, ".next", "app-path-routes-manifest.json"), JSON.stringify(manifest));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe("the build's pages", () => {
  it("lists pages, not route handlers, with their source, parameters and guard", () => {
    const root = fakeBuild(
      {
        "/(auth)/signin/page": "/signin",
        "/_not-found/page": "/_not-found",
        "/_global-error/page": "/_global-error",
        "/api/health/route": "/api/health",
        "/w/[workspace]/smtp-accounts/(list)/page": "/w/[workspace]/smtp-accounts",
        "/w/[workspace]/audit-log/page": "/w/[workspace]/audit-log",
        "/w/[workspace]/page": "/w/[workspace]",
      },
      {
        "app/(auth)/signin/page.tsx": "export default function P() {}",
        "app/not-found.tsx": "export default function N() {}",
        "app/w/[workspace]/smtp-accounts/(list)/page.tsx": 'await requireWorkspacePage(slug, "accounts:view");',
        "app/w/[workspace]/audit-log/page.tsx": 'const { workspace } = await requireWorkspacePage(slug, "audit:view");',
        "app/w/[workspace]/page.tsx": "redirect(`/w/${workspace}/overview`);",
      },
    );
    expect(listPages(root)).toEqual([
      { route: "/_global-error", file: null, params: [], guard: { kind: "public" } },
      { route: "/_not-found", file: "app/not-found.tsx", params: [], guard: { kind: "public" } },
      { route: "/signin", file: "app/(auth)/signin/page.tsx", params: [], guard: { kind: "public" } },
      { route: "/w/[workspace]", file: "app/w/[workspace]/page.tsx", params: ["workspace"], guard: { kind: "workspace", permission: null } },
      { route: "/w/[workspace]/audit-log", file: "app/w/[workspace]/audit-log/page.tsx", params: ["workspace"], guard: { kind: "workspace", permission: "audit:view" } },
      { route: "/w/[workspace]/smtp-accounts", file: "app/w/[workspace]/smtp-accounts/(list)/page.tsx", params: ["workspace"], guard: { kind: "workspace", permission: "accounts:view" } },
    ]);
  });

  it("reads the permission a page's guard names, and none when it names none", () => {
    expect(permissionOf('requireWorkspacePage(slug, "members:manage")')).toBe("members:manage");
    expect(permissionOf("requireWorkspacePage(slug)")).toBeNull();
  });
});
