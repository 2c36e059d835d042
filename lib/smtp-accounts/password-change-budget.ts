// Reset Password and Rotate password both make a new password: the account must exist in the
// workspace (checked before any budget is spent), and they draw on one hourly budget per admin
// (RESET_RATE_LIMIT).
import type { Db } from "../db";
import type { Env } from "../env";
import { AppError } from "../errors/app-error";
import { consumeRateLimit } from "../rate-limit/consume";
import { requireAccount } from "../tenancy/loaders";
import type { Actor } from "./actor";

export async function consumePasswordChangeBudget(db: Db, { workspaceId, accountId, actor, env }: { workspaceId: string; accountId: string; actor: Actor; env: Pick<Env, "RESET_RATE_LIMIT"> }): Promise<void> {
  await requireAccount(db, workspaceId, accountId, { id: true });
  const limit = await consumeRateLimit(db, { key: `reset:${actor.id}`, limit: env.RESET_RATE_LIMIT, windowSeconds: 3600 });
  if (!limit.allowed)
    throw new AppError("RATE_LIMITED", `You have reset or rotated ${env.RESET_RATE_LIMIT} passwords this hour. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
}
