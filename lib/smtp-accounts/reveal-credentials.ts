// View Credentials: decrypt an account's password for an admin with a fresh authentication,
// within the per-user rate limit, and leave an audit record in the same transaction. During a
// planned rotation's grace window the previous password is revealed with it, under the same rules.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import { decryptStoredPassword } from "../credentials/stored-password";
import { AppError } from "../errors/app-error";
import { consumeRateLimit } from "../rate-limit/consume";
import { buildCredentialsView, CREDENTIALS_ACCOUNT_SELECT, type CredentialsView, graceView, revealHistory } from "./credentials-view";
import type { Actor } from "./actor";
import { requireAccount } from "../tenancy/loaders";

export type RevealCredentialsInput = {
  db: Db;
  env: Pick<Env, "SMTP_PUBLIC_HOST" | "SMTP_PUBLIC_PORT" | "SMTPS_PUBLIC_PORT" | "REVEAL_TTL" | "STEP_UP_MAX_AGE" | "REVEAL_RATE_LIMIT" | "CREDENTIALS_KEYS">;
  workspaceId: string;
  accountId: string;
  actor: Actor;
};

export async function revealCredentials({ db, env, workspaceId, accountId, actor }: RevealCredentialsInput): Promise<CredentialsView> {
  requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE);
  const account = await requireAccount(db, workspaceId, accountId, CREDENTIALS_ACCOUNT_SELECT);
  const limit = await consumeRateLimit(db, { key: `reveal:${actor.id}`, limit: env.REVEAL_RATE_LIMIT, windowSeconds: 3600 });
  if (!limit.allowed)
    throw new AppError("RATE_LIMITED", `You have revealed credentials ${env.REVEAL_RATE_LIMIT} times this hour. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);

  const password = decryptStoredPassword(account, env);
  await recordAudit(db, actor, {
    action: "credentials.reveal",
    workspaceId,
    target: { type: "smtp_account", id: account.id, label: account.label },
    metadata: { passwordVersion: account.passwordVersion },
  });
  return buildCredentialsView(account, password, env, await revealHistory(db, workspaceId, account.id), { grace: await graceView(db, account, env) });
}
