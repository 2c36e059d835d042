// Calls a server action the way a forged request would: straight HTTP with the action's id,
// bypassing every button.
import type { APIRequestContext } from "@playwright/test";
import { type ActionReply, actionHeaders, parseActionReply } from "../stack/server-actions";

export type { ActionReply };

export async function callAction(request: APIRequestContext, baseURL: string, pagePath: string, exportedName: string, input: unknown): Promise<ActionReply> {
  const res = await request.post(`${baseURL}${pagePath}`, { headers: actionHeaders(exportedName, baseURL), data: JSON.stringify([input]), maxRedirects: 0 });
  const body = await res.text();
  const reply = parseActionReply(body);
  if (!reply) throw new Error(`No action result in the response (HTTP ${res.status()}): ${body.slice(0, 300)}`);
  return reply;
}
