// The one shape of every server action: parse the input (zod), authorise (session →
// workspace membership → role permission → fresh authentication for secret actions), call
// one use case, return a typed result.
// Unknown errors become a generic message and are logged on the server, never sent.
import { z } from "zod";
import { getEnv } from "../env";
import { NUL_REFUSED, nulPath } from "../text/storable-text";
import { AppError, type ActionResult, DEFAULT_MESSAGES } from "../errors/app-error";
import type { Permission } from "./roles";
import type { SecretAction } from "./secret-actions";
import { requireFreshAuthentication } from "./step-up";
import { loadWorkspaceContext, type WorkspaceContext } from "./workspace-context";

export const ZWorkspaceSlug = z.string().min(1).max(64);

export type ActionOptions = {
  /** This action returns or creates a usable secret (lib/auth/secret-actions.ts): fresh authentication first. */
  secret?: SecretAction;
};

export function workspaceAction<S extends z.ZodObject<{ workspace: typeof ZWorkspaceSlug }>, T extends Record<string, unknown>>(
  permission: Permission,
  schema: S,
  run: (input: z.infer<S>, context: WorkspaceContext) => Promise<T>,
  options: ActionOptions = {},
): (input: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    // No field takes a NUL (PostgreSQL's text cannot hold one): refused by name, not as a failed query.
    const nul = nulPath(raw);
    if (nul !== null) return { ok: false, code: "INVALID_INPUT", message: `${nul || "input"}: ${NUL_REFUSED}`, field: nul || undefined };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join(".") || undefined;
      return { ok: false, code: "INVALID_INPUT", message: field ? `${field}: ${issue.message}` : issue.message, field };
    }
    const loaded = await loadWorkspaceContext(parsed.data.workspace, permission);
    if (!loaded.ok) return { ok: false, code: loaded.code, message: DEFAULT_MESSAGES[loaded.code] };
    try {
      // After the role check, so a caller without the permission learns nothing about step-up.
      if (options.secret) requireFreshAuthentication(loaded.context.user.authTime, getEnv().STEP_UP_MAX_AGE);
      return { ok: true, ...(await run(parsed.data, loaded.context)) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, field: error.field };
      console.error(JSON.stringify({ level: "error", msg: "server action failed", permission, error: error instanceof Error ? error.message : String(error) }));
      return { ok: false, code: "INTERNAL", message: DEFAULT_MESSAGES.INTERNAL };
    }
  };
}
