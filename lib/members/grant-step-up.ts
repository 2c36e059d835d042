// A role that may reveal credentials (admin, owner) hands its holder every SMTP password of the
// workspace, so granting it asks for the same fresh sign-in as revealing one: otherwise a stale
// owner session (a stolen cookie) could invite an identity its holder controls, or promote one,
// and read every password through it without ever passing step-up.
import { can, type Role } from "../auth/roles";
import { requireFreshAuthentication } from "../auth/step-up";
import type { Env } from "../env";
import type { Actor } from "../smtp-accounts/actor";

export type GrantEnv = Pick<Env, "STEP_UP_MAX_AGE">;

export function requireStepUpToGrant(role: Role, actor: Actor, env: GrantEnv, now = new Date()): void {
  if (can(role, "credentials:reveal")) requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE, now);
}
