// Every server action and every route handler, called directly (a forged request, no UI), by
// each Acme role, by Globex's admin and signed out: allowed, refused (FORBIDDEN / 403),
// invisible (NOT_FOUND / 404) or asked to sign in, exactly as the role table (lib/auth/roles.ts, README) says.
// The lists are derived, not kept by hand: actions from the build's server-action manifest,
// routes from app/**/route.ts. One without a row here fails the run. An allowed call may still
// fail on its input; that is asserted too. Secret actions (lib/auth/secret-actions.ts) are
// called once more with a stale authentication and must ask for step-up.
import { type Browser, type BrowserContext, type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import { SECRET_ACTIONS } from "../lib/auth/secret-actions";
import { listRouteHandlers } from "../stack/route-handlers";
import { listServerActions } from "../stack/server-actions";
import { accountId, ageAuthentication, domainId, membershipId } from "./db";
import { expect, signIn, stackInfo, test } from "./fixtures";
import { type ActionReply, callAction } from "./server-actions";

type Member = "owner" | "admin" | "developer" | "viewer" | "globex";
type Caller = Member | "signedOut";
const EMAIL: Record<Member, string> = {
  owner: "owner@acme.test",
  admin: "admin@acme.test",
  developer: "developer@acme.test",
  viewer: "viewer@acme.test",
  globex: "admin@globex.test",
};
const CALLERS: Caller[] = ["owner", "admin", "developer", "viewer", "globex", "signedOut"];

/** "ok" or the error code of the `{ ok: false, code }` reply. */
type Outcome = string;

type ActionRow = {
  /** The input; `tag` names the caller and pass, for inputs that must not collide (names, emails). */
  input: (tag: string) => Record<string, unknown>;
  expect: Record<Caller, Outcome>;
};

// A workspace action: a signed-out caller is UNAUTHENTICATED, Globex's admin NOT_FOUND.
const roles = (owner: Outcome, admin: Outcome, developer: Outcome, viewer: Outcome): Record<Caller, Outcome> => ({
  owner,
  admin,
  developer,
  viewer,
  globex: "NOT_FOUND",
  signedOut: "UNAUTHENTICATED",
});
const adminUp = (allowed: Outcome) => roles(allowed, allowed, "FORBIDDEN", "FORBIDDEN");
const developerUp = (allowed: Outcome) => roles(allowed, allowed, allowed, "FORBIDDEN");
const ownerOnly = (allowed: Outcome) => roles(allowed, "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");

const TARGET = "Matrix target";
const target = () => accountId("acme", TARGET);
const transactional = () => accountId("acme", "Transactional mail");

const ACTIONS: Record<string, ActionRow> = {
  // SMTP accounts and credentials
  revealCredentialsAction: { input: () => ({ workspace: "acme", accountId: transactional() }), expect: adminUp("ok") },
  recordCopyAction: { input: () => ({ workspace: "acme", accountId: transactional(), field: "password" }), expect: adminUp("ok") },
  resetPasswordAction: { input: () => ({ workspace: "acme", accountId: target() }), expect: adminUp("ok") },
  rotatePasswordAction: { input: () => ({ workspace: "acme", accountId: target(), graceSeconds: 3600 }), expect: adminUp("ok") },
  // Transactional mail is never rotated here: there is no grace window to end, for every allowed caller.
  endGraceAction: { input: () => ({ workspace: "acme", accountId: transactional() }), expect: adminUp("CONFLICT") },
  // Show-once is off in Acme: turning it off again changes nothing (turning it on would delete every stored password).
  setShowOnceAction: { input: () => ({ workspace: "acme", enabled: false }), expect: adminUp("CONFLICT") },
  createAccountAction: { input: (tag) => ({ workspace: "acme", label: `Matrix created by ${tag}`, from: "matrix@acme.test" }), expect: adminUp("ok") },
  setAccountStatusAction: { input: () => ({ workspace: "acme", accountId: target(), status: "active" }), expect: adminUp("ok") },
  deleteAccountAction: { input: () => ({ workspace: "acme", accountId: target(), confirmUsername: "not-the-username" }), expect: adminUp("INVALID_INPUT") },
  testConnectionAction: { input: () => ({ workspace: "acme", accountId: transactional(), port: "starttls" }), expect: developerUp("ok") },
  sendTestEmailAction: { input: () => ({ workspace: "acme", accountId: transactional(), port: "starttls" }), expect: developerUp("ok") },
  // Compromise: a window that ends before it starts, so nothing is rotated or held.
  reportCompromiseAction: {
    input: () => ({ workspace: "acme", accountId: target(), from: "2026-01-02T00:00:00.000Z", to: "2026-01-01T00:00:00.000Z" }),
    expect: adminUp("INVALID_INPUT"),
  },
  closeIncidentAction: { input: () => ({ workspace: "acme", incidentId: "no-such-incident" }), expect: adminUp("NOT_FOUND") },
  releaseHeldAction: { input: () => ({ workspace: "acme", incidentId: "no-such-incident" }), expect: adminUp("NOT_FOUND") },
  deleteHeldAction: { input: () => ({ workspace: "acme", incidentId: "no-such-incident" }), expect: adminUp("NOT_FOUND") },
  // Access policies (#17): clearing a policy changes nothing on the target (none is set) and
  // needs no step-up as none is widened; the maximum lifetime is a workspace setting (owner).
  updateIpAllowlistAction: { input: () => ({ workspace: "acme", accountId: target(), ipAllowlist: "" }), expect: adminUp("ok") },
  updateAllowedSendersAction: { input: () => ({ workspace: "acme", accountId: target(), allowedSenders: "" }), expect: adminUp("ok") },
  updateExpiryAction: { input: () => ({ workspace: "acme", accountId: target(), expiresAt: "" }), expect: adminUp("ok") },
  updateMaxLifetimeAction: { input: () => ({ workspace: "acme", maxPasswordLifetimeDays: "" }), expect: ownerOnly("ok") },
  // Alerts (#18): acknowledge and release are admin actions on an alert of the workspace; rule
  // settings are the owner's; anyone may choose their own alert emails (an empty choice is harmless).
  acknowledgeAlertAction: { input: () => ({ workspace: "acme", alertId: "no-such-alert" }), expect: adminUp("NOT_FOUND") },
  releaseAlertHoldAction: { input: () => ({ workspace: "acme", alertId: "no-such-alert" }), expect: adminUp("NOT_FOUND") },
  updateAlertRuleAction: { input: () => ({ workspace: "acme", rule: "send_spike", enabled: true, autoHold: false, threshold: 3, minimum: 100 }), expect: ownerOnly("ok") },
  setAlertOptOutsAction: { input: () => ({ workspace: "acme", optedOut: [] }), expect: roles("ok", "ok", "ok", "ok") },
  // Domains
  addDomainAction: { input: (tag) => ({ workspace: "acme", name: `matrix-${tag}.example` }), expect: adminUp("ok") },
  verifyDomainAction: { input: () => ({ workspace: "acme", domainId: "no-such-domain" }), expect: adminUp("NOT_FOUND") },
  previewDomainRemovalAction: { input: () => ({ workspace: "acme", domainId: "no-such-domain" }), expect: adminUp("NOT_FOUND") },
  removeDomainAction: { input: () => ({ workspace: "acme", domainId: "no-such-domain", confirmToken: null }), expect: adminUp("NOT_FOUND") },
  // DKIM keys: inputs whose outcome is the same for every allowed caller, and that change nothing.
  // acme.test has its seeded key (no second one); matrix.test (added in set-up) is not verified
  // (no rotation); no rotation of acme.test is in progress (nothing to complete).
  createDkimKeyAction: { input: () => ({ workspace: "acme", domainId: domainId("acme", "acme.test") }), expect: adminUp("CONFLICT") },
  startDkimRotationAction: { input: () => ({ workspace: "acme", domainId: domainId("acme", "matrix.test") }), expect: adminUp("INVALID_INPUT") },
  completeDkimRotationAction: { input: () => ({ workspace: "acme", domainId: domainId("acme", "acme.test") }), expect: adminUp("INVALID_INPUT") },
  // API tokens
  createApiTokenAction: { input: (tag) => ({ workspace: "acme", label: `Matrix token ${tag}`, scopes: ["read"] }), expect: adminUp("ok") },
  revokeApiTokenAction: { input: () => ({ workspace: "acme", tokenId: "no-such-token" }), expect: adminUp("NOT_FOUND") },
  // Suppression list (#18): a unique address per caller; nothing to remove; a file whose one line is rejected (nothing added).
  addSuppressionAction: { input: (tag) => ({ workspace: "acme", address: `matrix-${tag}@example.com` }), expect: adminUp("ok") },
  removeSuppressionAction: { input: () => ({ workspace: "acme", suppressionId: "no-such-suppression" }), expect: adminUp("NOT_FOUND") },
  importSuppressionsAction: { input: () => ({ workspace: "acme", fileName: "matrix.csv", csv: "not-an-address\n" }), expect: adminUp("ok") },
  // Webhooks (WEBHOOK_ALLOW_PRIVATE is on in the test stack; nothing listens on port 9: the relay's
  // tries are refused connections, retried in the background)
  createWebhookEndpointAction: { input: (tag) => ({ workspace: "acme", url: `http://127.0.0.1:9/matrix-${tag}`, eventTypes: ["message.delivered"] }), expect: adminUp("ok") },
  updateWebhookEndpointAction: { input: () => ({ workspace: "acme", endpointId: "no-such-endpoint", enabled: false }), expect: adminUp("NOT_FOUND") },
  deleteWebhookEndpointAction: { input: () => ({ workspace: "acme", endpointId: "no-such-endpoint" }), expect: adminUp("NOT_FOUND") },
  rotateWebhookSecretAction: { input: () => ({ workspace: "acme", endpointId: "no-such-endpoint" }), expect: adminUp("NOT_FOUND") },
  sendTestWebhookAction: { input: () => ({ workspace: "acme", endpointId: "no-such-endpoint" }), expect: adminUp("NOT_FOUND") },
  replayWebhookDeliveryAction: { input: () => ({ workspace: "acme", deliveryId: "no-such-delivery" }), expect: adminUp("NOT_FOUND") },
  // Members
  changeRoleAction: { input: () => ({ workspace: "acme", membershipId: membershipId("acme", "viewer@acme.test"), role: "viewer" }), expect: ownerOnly("ok") },
  removeMemberAction: { input: () => ({ workspace: "acme", membershipId: "no-such-membership" }), expect: ownerOnly("NOT_FOUND") },
  inviteMemberAction: { input: (tag) => ({ workspace: "acme", email: `new.${tag}@acme.test`, role: "viewer" }), expect: ownerOnly("ok") },
  withdrawInvitationAction: { input: () => ({ workspace: "acme", invitationId: "no-such-invitation" }), expect: ownerOnly("NOT_FOUND") },
  // A session action, not a workspace one: anyone may end their own session; signed out there
  // is nothing to end and it still answers ok. Called last per caller (it ends the session),
  // then checked to have ended it.
  signOutAction: { input: () => ({}), expect: { owner: "ok", admin: "ok", developer: "ok", viewer: "ok", globex: "ok", signedOut: "ok" } },
};
const SESSION_ENDING = "signOutAction";

type RouteRow = {
  /** A concrete URL of the route. */
  path: string;
  /** HTTP status per caller; "redirect:/signin" for the sign-in redirect. */
  expect: Record<Caller, number | "redirect:/signin">;
  why: string;
};

const ROUTES: Record<string, RouteRow> = {
  "/api/w/[workspace]/delivery-logs/export": {
    path: "/api/w/acme/delivery-logs/export",
    expect: { owner: 200, admin: 200, developer: 200, viewer: 200, globex: 404, signedOut: "redirect:/signin" },
    why: "Delivery Logs: every member (logs:view)",
  },
  "/api/w/[workspace]/account-options": {
    path: "/api/w/acme/account-options?q=a",
    expect: { owner: 200, admin: 200, developer: 200, viewer: 200, globex: 404, signedOut: "redirect:/signin" },
    why: "the logs' account filter: every member (logs:view), labels and ids only",
  },
  "/api/w/[workspace]/audit-log/export": {
    path: "/api/w/acme/audit-log/export",
    expect: { owner: 200, admin: 200, developer: 403, viewer: 403, globex: 404, signedOut: "redirect:/signin" },
    why: "Audit Log: admin and owner (audit:view)",
  },
  "/api/w/[workspace]/suppressions/export": {
    path: "/api/w/acme/suppressions/export",
    expect: { owner: 200, admin: 200, developer: 403, viewer: 403, globex: 404, signedOut: "redirect:/signin" },
    why: "Suppression list: admin and owner (suppressions:manage)",
  },
  "/api/health": {
    path: "/api/health",
    expect: { owner: 200, admin: 200, developer: 200, viewer: 200, globex: 200, signedOut: 200 },
    why: "public: a health check for load balancers, no workspace data",
  },
  "/api/auth/[...nextauth]": {
    path: "/api/auth/session",
    expect: { owner: 200, admin: 200, developer: 200, viewer: 200, globex: 200, signedOut: 200 },
    why: "public: next-auth's own endpoints (sign-in, callback, session); it guards its callbacks with state and PKCE, and the session reply is the caller's own",
  },
};

/** The page to post an action to: one that imports it (from the manifest), in Acme. */
function actionPage(name: string): string {
  const pages = listServerActions().find((a) => a.name === name)!.pages;
  const page = pages.find((p) => p.startsWith("app/w/[workspace]/") && !p.includes("/[messageId]/")) ?? pages[0]!;
  return page
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^/]+\)/g, "")
    .replace("[workspace]", "acme")
    .replace("[accountId]", target()) || "/";
}

async function signedInContext(browser: Browser, who: Member): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: stackInfo().portalUrl });
  const page = await context.newPage();
  await signIn(page, EMAIL[who]);
  await expect(page).toHaveURL(/\/w\//);
  await page.close();
  return context;
}

const outcome = (r: ActionReply) => (r.ok ? "ok" : String(r.code));
const leaksPassword = (r: ActionReply) => /"password"\s*:/.test(JSON.stringify(r));

test("every server action and every route handler has a row in the matrix", () => {
  const actions = listServerActions().map((a) => a.name);
  expect(actions.length, "the build's server-action manifest lists actions").toBeGreaterThan(0);
  expect.soft(actions.filter((n) => !(n in ACTIONS)), "server actions of the build without a row in ACTIONS").toEqual([]);
  expect.soft(Object.keys(ACTIONS).filter((n) => !actions.includes(n)), "rows for actions the build does not have").toEqual([]);
  expect.soft(SECRET_ACTIONS.filter((n) => !actions.includes(n)), "SECRET_ACTIONS naming actions the build does not have").toEqual([]);

  // The management API (/api/v1/) takes bearer tokens, not sessions: its matrix (every route ×
  // every scope × another workspace's token) is lib/api/api.integration.test.ts, and the test
  // below checks that a session cookie opens none of it.
  const routes = listRouteHandlers().filter((r) => !r.startsWith("/api/v1/"));
  expect.soft(routes.filter((r) => !(r in ROUTES)), "route handlers (app/**/route.ts) without a row in ROUTES").toEqual([]);
  expect(Object.keys(ROUTES).filter((r) => !routes.includes(r)), "rows for routes that do not exist").toEqual([]);
});

/** A domain of the matrix's own, left pending, for the DKIM rotation row (already there: CONFLICT). */
async function addMatrixDomain(request: APIRequestContext, base: string) {
  expect(["ok", "CONFLICT"]).toContain(outcome(await callAction(request, base, "/w/acme/domains", "addDomainAction", { workspace: "acme", name: "matrix.test" })));
}

test("every server action allows, refuses or hides exactly as the role table says", async ({ browser }) => {
  test.setTimeout(240_000);
  const base = stackInfo().portalUrl;
  // An account of its own for the actions that change one.
  const setup = await signedInContext(browser, "admin");
  expect(outcome(await callAction(setup.request, base, "/w/acme/smtp-accounts", "createAccountAction", { workspace: "acme", label: TARGET, from: "matrix@acme.test" }))).toBe("ok");
  await addMatrixDomain(setup.request, base);
  await setup.close();

  const names = Object.keys(ACTIONS).filter((n) => n !== SESSION_ENDING);
  const table: string[] = [];
  for (const who of CALLERS) {
    const context = who === "signedOut" ? null : await signedInContext(browser, who);
    const request: APIRequestContext = context ? context.request : await playwrightRequest.newContext();
    for (const name of [...names, SESSION_ENDING]) {
      const row = ACTIONS[name]!;
      const result = await callAction(request, base, actionPage(name), name, row.input(who));
      table.push(`${name} as ${who}: ${outcome(result)}`);
      expect.soft(outcome(result), `${name} as ${who}`).toBe(row.expect[who]);
      if (!result.ok) expect.soft(leaksPassword(result), `${name} as ${who}: no password in an error reply`).toBe(false);
    }
    // Sign-out really ended the session: the next workspace call is unauthenticated.
    const after = await callAction(request, base, actionPage("setAccountStatusAction"), "setAccountStatusAction", ACTIONS.setAccountStatusAction!.input(who));
    expect.soft(outcome(after), `after signOutAction, ${who}'s session is gone`).toBe("UNAUTHENTICATED");
    if (context) await context.close();
    else await request.dispose();
  }
  console.log(table.join("\n"));
});

test("a secret-returning action without fresh authentication answers STEP_UP_REQUIRED, and no other action returns a password", async ({ browser }) => {
  test.setTimeout(120_000);
  const base = stackInfo().portalUrl;
  const setup = await signedInContext(browser, "admin");
  await callAction(setup.request, base, "/w/acme/smtp-accounts", "createAccountAction", { workspace: "acme", label: TARGET, from: "matrix@acme.test" });
  await addMatrixDomain(setup.request, base);
  await setup.close();

  // The owner may call every action; their IdP authentication dates from beyond STEP_UP_MAX_AGE.
  const owner = await signedInContext(browser, "owner");
  const maxAge = Number(process.env.E2E_STEP_UP_MAX_AGE ?? "600");
  expect(ageAuthentication(EMAIL.owner, maxAge + 60)).toBeGreaterThan(0);
  const secret = new Set<string>(SECRET_ACTIONS);
  const table: string[] = [];
  for (const name of Object.keys(ACTIONS).filter((n) => n !== SESSION_ENDING)) {
    const result = await callAction(owner.request, base, actionPage(name), name, ACTIONS[name]!.input("owner-stale"));
    table.push(`${name} as owner, stale: ${outcome(result)}`);
    const expected = secret.has(name) ? "STEP_UP_REQUIRED" : ACTIONS[name]!.expect.owner;
    expect.soft(outcome(result), `${name} as owner with a stale authentication`).toBe(expected);
    // An action that hands out a password must be in SECRET_ACTIONS (and so ask for step-up).
    expect.soft(leaksPassword(result), `${name} returned a password without step-up: add it to SECRET_ACTIONS`).toBe(false);
  }
  await owner.close();
  console.log(table.join("\n"));
});

test("every route handler answers each caller as the role table says", async ({ browser }) => {
  test.setTimeout(120_000);
  const base = stackInfo().portalUrl;
  const table: string[] = [];
  for (const who of CALLERS) {
    const context = who === "signedOut" ? null : await signedInContext(browser, who);
    const request: APIRequestContext = context ? context.request : await playwrightRequest.newContext();
    for (const [route, row] of Object.entries(ROUTES)) {
      const res = await request.get(`${base}${row.path}`, { maxRedirects: 0 });
      const location = res.headers()["location"] ?? "";
      const got = res.status() >= 300 && res.status() < 400 && /^(https?:\/\/[^/]+)?\/signin\b/.test(location) ? "redirect:/signin" : res.status();
      table.push(`${route} as ${who}: ${got} (${row.why})`);
      expect.soft(got, `${route} as ${who} (${row.why})`).toBe(row.expect[who]);
      const body = await res.text();
      if (got === 200 && route.includes("/export")) expect.soft(res.headers()["content-type"], `${route} as ${who}`).toMatch(/^text\/csv/);
      if (got !== 200) expect.soft(body, `${route} as ${who}: a refusal carries no data`).not.toMatch(/smtpuser_|@acme\.test/);
    }
    if (context) await context.close();
    else await request.dispose();
  }
  console.log(table.join("\n"));
});

test("a signed-out caller with a forged session cookie gets 401 from an export, not data", async () => {
  const base = stackInfo().portalUrl;
  const forged = await playwrightRequest.newContext({ extraHTTPHeaders: { Cookie: "next-auth.session-token=forged" } });
  for (const route of ["/api/w/acme/delivery-logs/export", "/api/w/acme/audit-log/export"]) {
    const res = await forged.get(`${base}${route}`, { maxRedirects: 0 });
    expect(res.status(), route).toBe(401);
  }
  await forged.dispose();
});

test("Globex's admin cannot reach an Acme account through Globex's own workspace", async ({ browser }) => {
  const base = stackInfo().portalUrl;
  const globex = await signedInContext(browser, "globex");
  const result = await callAction(globex.request, base, "/w/globex/smtp-accounts", "revealCredentialsAction", { workspace: "globex", accountId: accountId("acme", "Transactional mail") });
  expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
  await globex.close();
});

test("a viewer cannot obtain a password by any route", async ({ browser }) => {
  const base = stackInfo().portalUrl;
  const viewer = await signedInContext(browser, "viewer");
  const id = accountId("acme", "Transactional mail");
  for (const name of ["revealCredentialsAction", "resetPasswordAction"]) {
    const result = await callAction(viewer.request, base, "/w/acme/smtp-accounts", name, { workspace: "acme", accountId: id });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(JSON.stringify(result)).not.toMatch(/[A-Za-z0-9]{32}/);
  }
  for (const path of [`/w/acme/smtp-accounts?reveal=${id}`, `/w/acme/smtp-accounts?reset=${id}`, "/w/acme/members"]) {
    const html = await (await viewer.request.get(`${base}${path}`)).text();
    expect(html).not.toContain("SMTP Password");
  }
  await viewer.close();
});

test("a signed-in session opens no management API route: the API takes bearer tokens only", async ({ browser }) => {
  const context = await signedInContext(browser, "owner");
  const base = stackInfo().portalUrl;
  for (const route of listRouteHandlers().filter((r) => r.startsWith("/api/v1/workspaces/"))) {
    const url = `${base}${route.replace("[workspace]", "acme").replace(/\[[^\]]+\]/g, "x")}`;
    const res = await context.request.get(url, { maxRedirects: 0 });
    expect.soft([401, 405], `${route} with the owner's session cookie`).toContain(res.status());
  }
  await context.close();
});
