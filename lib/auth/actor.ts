import type { Actor } from "../smtp-accounts/actor";
import { currentRequestMeta } from "./request-meta";
import type { WorkspaceContext } from "./workspace-context";

/** The acting user of a workspace context, with this request's IP and user agent. */
export async function actorOf(context: WorkspaceContext): Promise<Actor> {
  return { id: context.user.id, email: context.user.email, authTime: context.user.authTime, meta: await currentRequestMeta() };
}
