// An API token acting through the same use cases as a person: the audit trail names the token
// by its label ("API token: deploy-bot"), and its id stands where a user's id would.
// A token with the `credentials` scope IS the step-up: an admin created it for this purpose, it
// is shown once and can be revoked, so it counts as freshly authenticated at every call. A token
// without that scope never reaches a credential use case (the route refuses it first), and
// carries no authentication time in case one did.
import type { RequestMeta } from "../auth/sign-in";
import type { Actor } from "../smtp-accounts/actor";
import type { ApiCaller } from "./authenticate-token";

export function tokenActorName(label: string): string {
  return `API token: ${label}`;
}

export function actorOfToken(caller: ApiCaller, meta: RequestMeta, now = new Date()): Actor {
  return {
    id: `api_token:${caller.tokenId}`,
    email: tokenActorName(caller.label),
    authTime: caller.scopes.includes("credentials") ? now : null,
    meta,
  };
}
