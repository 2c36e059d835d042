// The one shape of every workspace route handler, like workspaceAction for server actions: the
// session, the workspace membership and the role's permission are checked before the handler
// runs, and a refusal answers as the pages do (a foreign or unknown workspace is 404).
import type { Permission } from "./roles";
import { type ContextResult, loadWorkspaceContext, type WorkspaceContext } from "./workspace-context";

export function contextFailure(result: Extract<ContextResult, { ok: false }>): Response {
  const status = result.code === "UNAUTHENTICATED" ? 401 : result.code === "FORBIDDEN" ? 403 : 404;
  return new Response(status === 404 ? "Not found" : status === 401 ? "Sign in first" : "Forbidden", { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

type RouteContext = { params: Promise<{ workspace: string }> };

export function workspaceRoute(permission: Permission, handle: (request: Request, context: WorkspaceContext) => Promise<Response> | Response) {
  return async (request: Request, { params }: RouteContext): Promise<Response> => {
    const loaded = await loadWorkspaceContext((await params).workspace, permission);
    if (!loaded.ok) return contextFailure(loaded);
    return handle(request, loaded.context);
  };
}
