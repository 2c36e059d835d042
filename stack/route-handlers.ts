// The portal's route handlers, found by walking app/ for route.ts files (so a new one shows up
// without a list to keep), as URL patterns: "app/api/w/[workspace]/x/route.ts" → "/api/w/[workspace]/x".
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../lib/root";

export function listRouteHandlers(appDir = path.join(ROOT, "app")): string[] {
  return (fs.readdirSync(appDir, { recursive: true, encoding: "utf8" }) as string[])
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => /(^|\/)route\.(ts|tsx|js|mjs)$/.test(file))
    .map((file) => {
      // Route groups "(name)" and private folders do not appear in the URL.
      const segments = file.split("/").slice(0, -1).filter((s) => !/^\(.*\)$/.test(s));
      return `/${segments.join("/")}`;
    })
    .sort();
}
