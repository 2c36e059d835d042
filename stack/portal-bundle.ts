import path from "node:path";
import { bundleEntries } from "../lib/build/bundle-entries";

/**
 * The portal's HTTP server (scripts/portal-server.ts), bundled. Through tsx, every module Next
 * loads passed tsx's hooks, and tsx turns on Node's source maps for the whole process: each
 * server chunk's map (up to 1.8 MB of JSON) was read and parsed as the chunk loaded.
 */
export function bundlePortal(root: string): string {
  return path.join(bundleEntries(root, ".portal-build", { "portal-server": "scripts/portal-server.ts" }), "portal-server.mjs");
}
