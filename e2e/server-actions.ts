// Calls a server action the way a forged request would: straight HTTP with the action's id,
// bypassing every button. Ids come from the build's server-reference manifest.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

export function actionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", ".next", "server", "server-reference-manifest.json"), "utf8")) as Manifest;
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`No server action named ${exportedName} in the build`);
  return entry[0];
}

export type ActionReply = { ok: boolean; code?: string; message?: string; [k: string]: unknown };

export async function callAction(request: APIRequestContext, baseURL: string, pagePath: string, exportedName: string, input: unknown): Promise<ActionReply> {
  const res = await request.post(`${baseURL}${pagePath}`, {
    headers: {
      "Next-Action": actionId(exportedName),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: baseURL,
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  const body = await res.text();
  // The RSC payload has one JSON value per line ("1:{…}"); the action's result has "ok".
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
  throw new Error(`No action result in the response (HTTP ${res.status()}): ${body.slice(0, 300)}`);
}
