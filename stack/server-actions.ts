// Calling a server action over plain HTTP, as a forged request or a benchmark does: the
// action's id comes from the build's server-reference manifest, the reply is the RSC line
// that carries the action's `{ ok, … }` result.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../lib/root";

type Manifest = { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };

export type ActionReply = { ok: boolean; code?: string; message?: string; [k: string]: unknown };

function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as Manifest;
}

/** A server action of the build: its exported name, source file and the pages that import it ("app/…/page"). */
export type BuiltServerAction = { name: string; filename: string; pages: string[] };

/** Every server action the production build serves (so a new one shows up without a list to keep). */
export function listServerActions(): BuiltServerAction[] {
  return Object.values(readManifest().node)
    .map((v) => ({ name: v.exportedName, filename: v.filename, pages: Object.keys(v.workers) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function actionId(exportedName: string): string {
  const entry = Object.entries(readManifest().node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`No server action named ${exportedName} in the build`);
  return entry[0];
}

export function actionHeaders(exportedName: string, origin: string): Record<string, string> {
  return { "Next-Action": actionId(exportedName), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: origin };
}

export function parseActionReply(body: string): ActionReply | null {
  for (const line of body.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    try {
      const value = JSON.parse(json) as ActionReply;
      if (typeof value.ok === "boolean") return value;
    } catch {
      // not the result line
    }
  }
  return null;
}
