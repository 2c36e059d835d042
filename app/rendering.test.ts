// Every page is rendered per request (the root layout awaits connection()): each response has
// its own CSP nonce, which Next.js can only put on a page's scripts while rendering it. A page
// that forces static rendering would ship un-nonced scripts, which the CSP blocks.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(import.meta.dirname);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("page rendering", () => {
  it("is never forced static, so every page's scripts carry the response's nonce", () => {
    const forced = files(APP)
      // Pages and layouts; a route handler (route.ts) renders no HTML and carries no scripts.
      .filter((f) => /\.(tsx?|mdx)$/.test(f) && !f.endsWith(".test.ts") && path.basename(f) !== "route.ts")
      .filter((f) => /export\s+const\s+(dynamic\s*=\s*["']force-static["']|revalidate\s*=)/.test(fs.readFileSync(f, "utf8")));
    expect(forced.map((f) => path.relative(APP, f))).toEqual([]);
  });
});
