// A loading.tsx wraps its segment's page and every segment below it in Suspense, so the 200
// response has begun streaming before those pages run. A page under a dynamic segment ([id])
// answers notFound() for an unknown id — under a loading boundary that becomes "Not found" with
// HTTP 200. Keep loading boundaries off every route that has a dynamic segment below it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(import.meta.dirname);

function directories(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => [path.join(dir, e.name), ...directories(path.join(dir, e.name))]);
}

const isDynamic = (dir: string) => /^\[.+\]$/.test(path.basename(dir));

describe("loading boundaries", () => {
  it("sit on no route with a dynamic segment below it, so unknown ids stay HTTP 404", () => {
    const offending = [APP, ...directories(APP)]
      .filter((dir) => fs.existsSync(path.join(dir, "loading.tsx")))
      .flatMap((dir) => directories(dir).filter((d) => isDynamic(d) && fs.existsSync(path.join(d, "page.tsx"))).map((d) => `${path.relative(APP, dir)}/loading.tsx wraps ${path.relative(APP, d)}`));
    expect(offending).toEqual([]);
  });

  it("still give the SMTP accounts list its loading state", () => {
    expect(fs.existsSync(path.join(APP, "w", "[workspace]", "smtp-accounts", "(list)", "loading.tsx"))).toBe(true);
  });
});
