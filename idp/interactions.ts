// The IdP's own interaction pages (devInteractions is off: it accepts any password and loads
// Google Fonts). /interaction/:uid shows the sign-in form or, for the consent prompt, grants the
// first-party portal its scopes without a page; POST …/login checks the password.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors, type Interaction, type Provider } from "oidc-provider";
import { z } from "zod";
import { errorPage, loginPage } from "./html";
import type { Logger } from "./log";
import type { UserDirectory } from "./users";
import { type SignInThrottle, tooManyAttemptsMessage } from "./sign-in-throttle";

export const WRONG_CREDENTIALS = "Wrong email or password. Check both and try again.";
const MAX_EMAIL = 254;
const MAX_PASSWORD = 1024;
const CONTROL = /[\u0000-\u001f\u007f]/;
const ZEmail = z.string().max(MAX_EMAIL).email();

/** What is wrong with the form's fields before a password is checked, if anything. */
export function inputProblem(email: string, password: string): { field: "email" | "password"; message: string } | undefined {
  if (email.length > MAX_EMAIL || CONTROL.test(email)) return { field: "email", message: `Enter your email address: at most ${MAX_EMAIL} characters, without control characters.` };
  if (password.length > MAX_PASSWORD) return { field: "password", message: `That password is longer than ${MAX_PASSWORD} characters, more than any account here can have. Check what was pasted.` };
  return undefined;
}

/**
 * The email field as the log may show it: what people type there by mistake is often their
 * password, so text that is not an email address is not logged.
 */
export function loggableEmail(email: string): string {
  return ZEmail.safeParse(email).success ? JSON.stringify(email) : "(text that is not an email address)";
}
const MAX_FORM_BYTES = 10 * 1024;
const ROUTE = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login|\/abort)?\/?$/;

export type InteractionDeps = {
  provider: Provider;
  users: UserDirectory;
  log: Logger;
  /** Origin the sign-in form may redirect to after posting (the portal), for CSP form-action. */
  portalOrigin: string;
  clientName: string;
  throttle: SignInThrottle;
};

/** Parses /interaction/:uid[/login|/abort]; undefined for paths that belong to oidc-provider. */
export function interactionRoute(pathname: string): { uid: string; action: "show" | "login" | "abort" } | undefined {
  const m = ROUTE.exec(pathname);
  if (!m) return undefined;
  const action = m[2] === "/login" ? "login" : m[2] === "/abort" ? "abort" : "show";
  return { uid: m[1]!, action };
}

export async function handleInteraction(
  deps: InteractionDeps,
  req: IncomingMessage,
  res: ServerResponse,
  route: NonNullable<ReturnType<typeof interactionRoute>>,
): Promise<void> {
  setPageHeaders(res, deps.portalOrigin);
  const expectedMethod = route.action === "show" ? "GET" : "POST";
  if (req.method !== expectedMethod && !(route.action === "show" && req.method === "HEAD")) {
    res.setHeader("Allow", expectedMethod);
    return sendHtml(res, 405, errorPage("Not allowed", "This address does not accept that kind of request."));
  }

  let details: Interaction;
  try {
    details = await deps.provider.interactionDetails(req, res);
  } catch (error) {
    if (error instanceof errors.SessionNotFound) return sendExpired(res);
    throw error;
  }
  // The cookie names the interaction; the URL must name the same one (no mixing two tabs' flows).
  if (details.uid !== route.uid) return sendExpired(res);

  const page = {
    action: `/interaction/${encodeURIComponent(details.uid)}/login`,
    abortAction: `/interaction/${encodeURIComponent(details.uid)}/abort`,
    clientName: deps.clientName,
    reauthenticate: details.prompt.name === "login" && Boolean(details.session?.accountId),
  };

  if (route.action === "abort") {
    return deps.provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "End-User aborted interaction" },
      { mergeWithLastSubmission: false },
    );
  }

  if (details.prompt.name === "consent") {
    if (route.action !== "show") return sendExpired(res);
    return grantConsent(deps.provider, req, res, details);
  }
  if (details.prompt.name !== "login") {
    deps.log.warn(`idp: unexpected interaction prompt "${details.prompt.name}"`);
    return sendHtml(res, 400, errorPage("Cannot continue", "This sign-in request cannot be completed. Go back to the portal and try again."));
  }

  if (route.action === "show") {
    const hint = typeof details.params.login_hint === "string" ? details.params.login_hint.slice(0, 254) : undefined;
    return sendHtml(res, 200, loginPage({ ...page, email: hint }));
  }

  const form = await readForm(req);
  if (!form.ok) return sendHtml(res, form.status, errorPage("Cannot sign in", form.message));
  const email = (form.fields.get("email") ?? "").trim();
  const password = form.fields.get("password") ?? "";
  // Refused before any password check, so it counts as no attempt: bounds, and no control codes
  // (a NUL would otherwise be echoed back into the form and logged).
  const problem = inputProblem(email, password);
  if (problem) return sendHtml(res, 400, loginPage({ ...page, email: problem.field === "email" ? "" : email, error: problem.message }));

  // The IdP listens on loopback only, so the socket's peer is the client (no proxy to believe).
  const ip = req.socket.remoteAddress;
  const allowed = deps.throttle.begin(email, ip);
  if (!allowed.ok) {
    deps.log.warn(`idp: sign-in throttled for ${loggableEmail(email)} from ${ip}`);
    res.setHeader("Retry-After", String(allowed.retryAfterSeconds));
    return sendHtml(res, 429, loginPage({ ...page, email, error: tooManyAttemptsMessage(allowed.retryAfterSeconds) }));
  }
  const user = email && password ? await deps.users.verify(email, password) : undefined;
  if (!user) {
    deps.log.info(`idp: sign-in failed for ${loggableEmail(email)}`);
    return sendHtml(res, 401, loginPage({ ...page, email, error: WRONG_CREDENTIALS }));
  }
  allowed.attempt.succeeded();
  deps.log.info(`idp: ${user.email} signed in`);
  // A login result always starts a new authentication (new auth_time), which is what prompt=login
  // and max_age require; amr records how.
  return deps.provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub, amr: ["pwd"] } },
    { mergeWithLastSubmission: false },
  );
}

/** The portal is first-party: record the requested OpenID scopes and claims in a Grant instead of asking. */
async function grantConsent(provider: Provider, req: IncomingMessage, res: ServerResponse, details: Interaction) {
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (!accountId || !clientId) return sendExpired(res);

  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
  if (missingOIDCScope?.length) grant.addOIDCScope(missingOIDCScope.join(" "));
  if (missingOIDCClaims?.length) grant.addOIDCClaims(missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

type FormResult = { ok: true; fields: URLSearchParams } | { ok: false; status: number; message: string };

/** Reads an urlencoded body of at most MAX_FORM_BYTES; anything else is refused, not parsed. */
async function readForm(req: IncomingMessage): Promise<FormResult> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    return { ok: false, status: 415, message: "The sign-in form was sent in an unexpected format. Reload the page and try again." };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_FORM_BYTES) return tooLarge(req);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_FORM_BYTES) return tooLarge(req);
    chunks.push(buf);
  }
  return { ok: true, fields: new URLSearchParams(Buffer.concat(chunks).toString("utf8")) };
}

function tooLarge(req: IncomingMessage): FormResult {
  req.resume(); // drain without buffering so the response can still be delivered
  return { ok: false, status: 413, message: "The sign-in form was too large." };
}

function sendExpired(res: ServerResponse): void {
  sendHtml(
    res,
    400,
    errorPage(
      "Sign-in expired",
      "This sign-in request has expired or was opened in another tab. Go back to the portal and sign in again.",
    ),
  );
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(html));
  res.end(html);
}

/** Every IdP response: no framing, no sniffing, no referrer (URLs here carry codes and state). */
export function setBaselineHeaders(res: Pick<ServerResponse, "setHeader">): void {
  // script-src spelled out: oidc-provider adds the hash of the one inline script it writes (the
  // auto-submit of response_mode=form_post, which it advertises) to an explicit script-src only.
  res.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
}

/** No caching of pages holding a form, no framing; the form may post here and then redirect to the portal. */
export function setPageHeaders(res: ServerResponse, portalOrigin: string): void {
  setBaselineHeaders(res);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader(
    "Content-Security-Policy",
    `default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self' ${portalOrigin}; frame-ancestors 'none'; base-uri 'none'`,
  );
}
