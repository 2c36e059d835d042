// The server actions that return or create a usable secret (an SMTP password), by exported name.
// Each needs the same fresh IdP authentication as View Credentials: an action declares itself
// with `workspaceAction(…, { secret: "<its name>" })` and the wrapper refuses a stale session
// with STEP_UP_REQUIRED. The authorization matrix (e2e) reads this same list and expects that
// answer from each, so a secret action cannot skip step-up without the tests noticing.
export const SECRET_ACTIONS = [
  "revealCredentialsAction", // returns the current password
  "resetPasswordAction", // creates and returns a new one
  "createAccountAction", // creates an account and returns its first password
  "reportCompromiseAction", // rotates the password (a new secret, revealable afterwards)
  "createApiTokenAction", // creates and returns an API token (which may reveal and reset passwords)
  "rotatePasswordAction", // creates and returns a new one (and reveals the previous one)
  "endGraceAction", // changes which password works, like a reset: the same fresh authentication
  "createWebhookEndpointAction", // creates an endpoint and returns its signing secret
  "rotateWebhookSecretAction", // creates and returns a new signing secret
] as const;

export type SecretAction = (typeof SECRET_ACTIONS)[number];
