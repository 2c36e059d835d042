// The embedded IdP end to end over HTTP, the way the portal (next-auth + openid-client) and a
// browser use it: discovery, authorization code + PKCE, the sign-in form, token, userinfo,
// re-authentication, logout, and persistence across a restart. No mocks.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../lib/env";
import { DEMO_USERS } from "../lib/demo/fixtures";
import { WRONG_CREDENTIALS } from "./interactions";
import { startIdp, type RunningIdp } from "./server";
import {
  browserFetch,
  CookieJar,
  decodeJwt,
  followWithinIdp,
  freePort,
  pkcePair,
  PORTAL_URL,
  tempDataDir,
  TEST_PASSWORD,
  testEnv,
  verifyJwt,
} from "./test-support";

const REDIRECT_URI = `${PORTAL_URL}/api/auth/callback/oidc`;
const USER = DEMO_USERS.find((u) => u.email === "admin@acme.test")!;

let env: Env;
let idp: RunningIdp;
let issuer: string;

beforeAll(async () => {
  env = testEnv(tempDataDir(), await freePort(), { IDP_MAX_FAILURES_PER_EMAIL: "3", IDP_MAX_FAILURES_PER_IP: "50", IDP_FAILURE_WINDOW: "600" });
  idp = await startIdp(env);
  issuer = idp.url;
}, 30_000);

afterAll(async () => {
  await idp?.close();
  fs.rmSync(env.DATA_DIR, { recursive: true, force: true });
});

type Authorization = { state: string; nonce: string; verifier: string; url: string };

function authorizationRequest(extra: Record<string, string> = {}): Authorization {
  const { verifier, challenge } = pkcePair();
  const state = crypto.randomUUID();
  const nonce = crypto.randomUUID();
  const params = new URLSearchParams({
    client_id: env.OIDC_CLIENT_ID,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  });
  return { state, nonce, verifier, url: `${issuer}/auth?${params}` };
}

/** Starts an authorization request and follows it to the IdP page or to the portal's callback. */
async function authorize(jar: CookieJar, auth: Authorization) {
  const first = await browserFetch(jar, auth.url);
  return followWithinIdp(jar, issuer, first, auth.url);
}

async function submitLogin(jar: CookieJar, formUrl: string, email: string, password: string) {
  const html = await (await browserFetch(jar, formUrl)).text();
  const action = /<form method="post" action="([^"]+\/login)">/.exec(html)?.[1];
  expect(action).toBeDefined();
  const url = new URL(action!.replace(/&amp;/g, "&"), formUrl).href;
  const res = await browserFetch(jar, url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }).toString(),
  });
  return { res, url };
}

/** The code in the redirect to the portal, after checking state and iss (RFC 9207). */
function codeFrom(res: Response, auth: Authorization): string {
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  expect(location.searchParams.get("state")).toBe(auth.state);
  expect(location.searchParams.get("iss")).toBe(issuer);
  const code = location.searchParams.get("code");
  expect(code).toBeTruthy();
  return code!;
}

/** Full sign-in from a fresh or existing browser: returns the code sent to the portal. */
async function signIn(jar: CookieJar, auth: Authorization, password = TEST_PASSWORD): Promise<string> {
  const page = await authorize(jar, auth);
  expect(page.res.status).toBe(200);
  await page.res.arrayBuffer();
  const login = await submitLogin(jar, page.url, USER.email, password);
  const done = await followWithinIdp(jar, issuer, login.res, login.url);
  return codeFrom(done.res, auth);
}

function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

async function exchange(code: string, verifier: string, secret = env.OIDC_CLIENT_SECRET) {
  return fetch(`${issuer}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicAuth(env.OIDC_CLIENT_ID, secret) },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier }).toString(),
  });
}

type Tokens = { id_token: string; access_token: string; token_type: string; expires_in: number; refresh_token?: string };

describe("discovery and keys", () => {
  it("serves the discovery document for the configured issuer", async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(env.OIDC_ISSUER);
    expect(doc.issuer).toBe(`http://localhost:${env.IDP_PORT}`);
    expect(doc.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(doc.userinfo_endpoint).toBeTruthy();
    expect(doc.end_session_endpoint).toBeTruthy();
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.response_types_supported).toEqual(["code"]);
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(doc.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post"]));
  });

  it("signs with its own keys, stored 0600 in DATA_DIR/idp/jwks.json, and publishes only public parts", async () => {
    const file = path.join(env.DATA_DIR, "idp", "jwks.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as { keys: { kid: string; alg: string }[] };
    expect(stored.keys.map((k) => k.alg)).toEqual(["RS256", "ES256"]);

    const published = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(published.keys.map((k) => k.kid)).toEqual(stored.keys.map((k) => k.kid));
    for (const k of published.keys) expect(k).not.toHaveProperty("d");
  });
});

describe("sign-in with authorization code + PKCE", () => {
  const jar = new CookieJar();
  let tokens: Tokens;
  let auth: Authorization;
  let code: string;

  it("shows the sign-in form with labelled Email and Password fields, loading nothing from the network", async () => {
    auth = authorizationRequest();
    const { res, url } = await authorize(jar, auth);
    expect(url).toMatch(new RegExp(`^${issuer}/interaction/[\\w-]+$`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain("<title>Rackwave SSO — Sign in</title>");
    expect(html).toContain("<label for=email>Email</label>");
    expect(html).toMatch(/<input id=email name=email type=email autocomplete=username required/);
    expect(html).toContain("<label for=password>Password</label>");
    expect(html).toMatch(/<input id=password name=password type=password autocomplete=current-password required/);
    expect(html).toMatch(/<button type=submit>Sign in<\/button>/);
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/); // no fonts, scripts or images from elsewhere
    expect(html).not.toMatch(/<script|<link/i);

    const interactionCookie = jar.all().find((c) => c.name === "_interaction");
    expect(interactionCookie?.attributes.has("httponly")).toBe(true);
    expect(interactionCookie?.attributes.has("samesite=lax")).toBe(true);
  });

  it("answers a wrong password with 401 and one message, keeping the email", async () => {
    const page = await authorize(jar, authorizationRequest());
    await page.res.arrayBuffer();
    const { res } = await submitLogin(jar, page.url, USER.email, "not-the-password");
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain(`role="alert"`);
    expect(html).toContain(WRONG_CREDENTIALS);
    expect(html).toContain(`value="${USER.email}"`);
  });

  it("refuses a control character in the email or an over-long password with 400, saying what to fix, and counts no attempt", async () => {
    const owner = DEMO_USERS.find((u) => u.email === "owner@acme.test")!;
    // More refusals than the email's limit of wrong passwords (3 here): none of them counts.
    for (const [email, password, says] of [
      ["owner\u0000@acme.test", TEST_PASSWORD, "without control characters"],
      ...Array.from({ length: 4 }, () => [owner.email, `${TEST_PASSWORD}${"x".repeat(1100)}`, "longer than 1024 characters"] as const),
    ] as const) {
      const jar = new CookieJar();
      const page = await authorize(jar, authorizationRequest());
      await page.res.arrayBuffer();
      const { res } = await submitLogin(jar, page.url, email, password);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(says);
      // The refused email is not echoed into the form.
      expect(html).not.toContain("owner\u0000");
    }
    const jar = new CookieJar();
    const page = await authorize(jar, authorizationRequest());
    await page.res.arrayBuffer();
    const { res } = await submitLogin(jar, page.url, owner.email, TEST_PASSWORD);
    expect(res.status).toBe(303);
  });

  it("gives an unknown email the same answer, and escapes what it echoes", async () => {
    const page = await authorize(jar, authorizationRequest());
    await page.res.arrayBuffer();
    const { res } = await submitLogin(jar, page.url, `"><script>x()</script>@acme.test`, TEST_PASSWORD);
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain(WRONG_CREDENTIALS);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("redirects to the portal with a code after the right password", async () => {
    // Reuse the first authorization request: its interaction is still open in this browser.
    const page = await authorize(jar, auth);
    await page.res.arrayBuffer();
    const login = await submitLogin(jar, page.url, USER.email.toUpperCase(), TEST_PASSWORD);
    expect(login.res.status).toBe(303);
    const done = await followWithinIdp(jar, issuer, login.res, login.url);
    code = codeFrom(done.res, auth);

    const session = jar.all().find((c) => c.name === "_session");
    expect(session?.attributes.has("httponly")).toBe(true);
    expect(session?.attributes.has("samesite=lax")).toBe(true);
  });

  it("answers response_mode=form_post, which it advertises, with a page whose one inline script its CSP allows by hash", async () => {
    const jar = new CookieJar();
    const auth = authorizationRequest({ response_mode: "form_post" });
    const page = await authorize(jar, auth);
    await page.res.arrayBuffer();
    const login = await submitLogin(jar, page.url, USER.email, TEST_PASSWORD);
    const done = await followWithinIdp(jar, issuer, login.res, login.url);
    expect(done.res.status).toBe(200);
    const html = await done.res.text();
    expect(html).toContain(`<form method="post" action="${REDIRECT_URI}">`);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const csp = done.res.headers.get("content-security-policy")!;
    expect(csp).toContain(`script-src 'none' 'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("exchanges the code with the client secret for an ID token carrying auth_time", async () => {
    const res = await exchange(code, auth.verifier);
    expect(res.status).toBe(200);
    tokens = (await res.json()) as Tokens;
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.expires_in).toBeLessThanOrEqual(600);
    expect(tokens.refresh_token).toBeUndefined();

    const { header, payload } = decodeJwt(tokens.id_token);
    expect(header.alg).toBe("RS256");
    expect(payload.iss).toBe(issuer);
    expect(payload.aud).toBe(env.OIDC_CLIENT_ID);
    expect(payload.sub).toBe(USER.sub);
    expect(payload.nonce).toBe(auth.nonce);
    expect(payload.amr).toEqual(["pwd"]);
    expect(typeof payload.auth_time).toBe("number");
    expect(Math.abs((payload.auth_time as number) - Date.now() / 1000)).toBeLessThan(60);

    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: [] };
    expect(verifyJwt(tokens.id_token, jwks)).toBe(true);
  });

  it("returns the profile from the userinfo endpoint", async () => {
    const res = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: USER.sub, email: USER.email, email_verified: true, name: USER.name });
  });

  it("accepts client_secret_post as well", async () => {
    const a = authorizationRequest();
    const { res } = await authorize(jar, a); // signed in already: straight back to the portal
    const c = codeFrom(res, a);
    const token = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: c,
        redirect_uri: REDIRECT_URI,
        code_verifier: a.verifier,
        client_id: env.OIDC_CLIENT_ID,
        client_secret: env.OIDC_CLIENT_SECRET,
      }).toString(),
    });
    expect(token.status).toBe(200);
  });

  it("rejects a replayed code with invalid_grant", async () => {
    const res = await exchange(code, auth.verifier);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("rejects a wrong client secret with 401 invalid_client", async () => {
    const a = authorizationRequest();
    const c = codeFrom((await authorize(jar, a)).res, a);
    const res = await exchange(c, a.verifier, "wrong-secret");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_client");
  });

  it("rejects a code exchanged with the wrong PKCE verifier", async () => {
    const a = authorizationRequest();
    const c = codeFrom((await authorize(jar, a)).res, a);
    const res = await exchange(c, pkcePair().verifier);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("prompt=login asks for the password again despite the session and yields a newer auth_time", async () => {
    const first = decodeJwt(tokens.id_token).payload.auth_time as number;
    // auth_time has one-second resolution: wait for the clock to pass it rather than a fixed sleep.
    await expect.poll(() => Math.floor(Date.now() / 1000), { interval: 50, timeout: 3000 }).toBeGreaterThan(first);

    const a = authorizationRequest({ prompt: "login" });
    const page = await authorize(jar, a);
    expect(page.res.status).toBe(200);
    expect(await page.res.text()).toContain("<label for=password>Password</label>");
    const login = await submitLogin(jar, page.url, USER.email, TEST_PASSWORD);
    const c = codeFrom((await followWithinIdp(jar, issuer, login.res, login.url)).res, a);
    const fresh = (await (await exchange(c, a.verifier)).json()) as Tokens;
    expect(decodeJwt(fresh.id_token).payload.auth_time).toBeGreaterThan(first);
    tokens = fresh;
  });

  it("max_age=0 also forces a fresh sign-in", async () => {
    const a = authorizationRequest({ max_age: "0" });
    await expect.poll(() => Math.floor(Date.now() / 1000), { interval: 50, timeout: 3000 }).toBeGreaterThan(
      decodeJwt(tokens.id_token).payload.auth_time as number,
    );
    const page = await authorize(jar, a);
    expect(page.res.status).toBe(200);
    expect(page.url).toContain("/interaction/");
    await page.res.arrayBuffer();
  });
});

describe("browser hardening headers", () => {
  it("are on every IdP response: the sign-in page, its error pages, oidc-provider's pages and endpoints", async () => {
    const jar = new CookieJar();
    const page = await authorize(jar, authorizationRequest());
    await page.res.arrayBuffer();
    const responses = [
      ["sign-in page", await browserFetch(jar, page.url)],
      ["expired interaction", await fetch(`${issuer}/interaction/nope`)],
      ["authorization error", await fetch(`${issuer}/auth?client_id=unknown&response_type=code&scope=openid`)],
      ["logout page", await fetch(`${issuer}/session/end`)],
      ["discovery", await fetch(`${issuer}/.well-known/openid-configuration`)],
      ["unknown path", await fetch(`${issuer}/nothing-here`)],
    ] as const;
    for (const [what, res] of responses) {
      await res.arrayBuffer();
      expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), what).toBe("no-referrer");
      expect(res.headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
    }
  });
});

describe("password guessing", () => {
  const guesser = DEMO_USERS.find((u) => u.email === "developer@acme.test")!;

  it("refuses an email after three wrong passwords with 429 and how long to wait, even for the right password", async () => {
    const jar = new CookieJar();
    const page = await authorize(jar, authorizationRequest());
    await page.res.arrayBuffer();
    for (let i = 0; i < 3; i++) {
      const { res } = await submitLogin(jar, page.url, guesser.email, `wrong-${i}`);
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    }
    const { res } = await submitLogin(jar, page.url, guesser.email.toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    const html = await res.text();
    expect(html).toContain(`role="alert"`);
    expect(html).toContain("Too many attempts to sign in. Please try again in 10 minutes.");
  });

  it("stops a burst of parallel guesses at the limit too: each attempt counts while its password is checked", async () => {
    const target = DEMO_USERS.find((u) => u.email === "viewer@acme.test")!;
    const jar = new CookieJar();
    const page = await authorize(jar, authorizationRequest());
    await page.res.arrayBuffer();
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const { res } = await submitLogin(jar, page.url, target.email, `wrong-${i}`);
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it("still lets another user of the same address sign in", async () => {
    const jar = new CookieJar();
    expect(await signIn(jar, authorizationRequest())).toBeTruthy();
  });
});

describe("authorization requests it refuses", () => {
  it("does not redirect to an unregistered redirect_uri", async () => {
    const jar = new CookieJar();
    const a = authorizationRequest({ redirect_uri: "http://localhost:39999/evil" });
    const res = await browserFetch(jar, a.url);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    const html = await res.text();
    expect(html).toContain("redirect_uri");
    expect(html).not.toMatch(/<script|<link/i);
  });

  it("requires PKCE", async () => {
    const jar = new CookieJar();
    const a = authorizationRequest();
    const url = new URL(a.url);
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const res = await browserFetch(jar, url.href);
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("refuses an unknown client", async () => {
    const res = await fetch(authorizationRequest({ client_id: "someone-else" }).url, { redirect: "manual" });
    expect(res.status).toBe(400);
  });
});

describe("the sign-in form's input handling", () => {
  async function openForm() {
    const jar = new CookieJar();
    const page = await authorize(jar, authorizationRequest());
    await page.res.arrayBuffer();
    return { jar, loginUrl: `${page.url}/login` };
  }

  it("refuses an oversized body with 413", async () => {
    const { jar, loginUrl } = await openForm();
    const res = await browserFetch(jar, loginUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=a%40acme.test&password=${"x".repeat(20_000)}`,
    });
    expect(res.status).toBe(413);
  });

  it("refuses a body that is not urlencoded with 415", async () => {
    const { jar, loginUrl } = await openForm();
    const res = await browserFetch(jar, loginUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: USER.email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(415);
  });

  it("refuses a post without the interaction cookie (another browser)", async () => {
    const { loginUrl } = await openForm();
    const res = await browserFetch(new CookieJar(), loginUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: USER.email, password: TEST_PASSWORD }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Sign-in expired");
  });

  it("returns access_denied to the portal on Cancel", async () => {
    const jar = new CookieJar();
    const a = authorizationRequest();
    const page = await authorize(jar, a);
    await page.res.arrayBuffer();
    const res = await browserFetch(jar, `${page.url}/abort`, { method: "POST" });
    const done = await followWithinIdp(jar, issuer, res, `${page.url}/abort`);
    const location = new URL(done.res.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe(a.state);
  });
});

describe("logout and restart", () => {
  it("keeps the session, grant and signing keys across a restart with the same DATA_DIR", async () => {
    const jar = new CookieJar();
    const a = authorizationRequest();
    const code = await signIn(jar, a);
    const kidsBefore = ((await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

    await idp.close();
    idp = await startIdp(env);

    const kidsAfter = ((await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    expect(kidsAfter).toEqual(kidsBefore);

    // A code issued before the restart is still redeemable (stored, not in memory)...
    const tokenRes = await exchange(code, a.verifier);
    expect(tokenRes.status).toBe(200);
    const idToken = ((await tokenRes.json()) as Tokens).id_token;
    expect(verifyJwt(idToken, { keys: [] })).toBe(false);
    expect(verifyJwt(idToken, (await (await fetch(`${issuer}/jwks`)).json()) as { keys: [] })).toBe(true);

    // ...and the browser's session still signs it in without the form.
    const b = authorizationRequest();
    const again = await authorize(jar, b);
    codeFrom(again.res, b);
  }, 30_000);

  it("signs out through RP-initiated logout with a confirmation form that needs no script", async () => {
    const jar = new CookieJar();
    const a = authorizationRequest();
    const code = await signIn(jar, a);
    const { id_token } = (await (await exchange(code, a.verifier)).json()) as Tokens;

    const endUrl = `${issuer}/session/end?${new URLSearchParams({ id_token_hint: id_token, post_logout_redirect_uri: `${PORTAL_URL}/signin` })}`;
    const confirm = await browserFetch(jar, endUrl);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain("<title>Rackwave SSO — Sign out</title>");
    expect(html).not.toMatch(/<script|<link|fonts\.googleapis/i);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf).toBeTruthy();

    const done = await browserFetch(jar, action!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }).toString(),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${PORTAL_URL}/signin`);

    // Signed out: the next authorization asks for the password again.
    const page = await authorize(jar, authorizationRequest());
    expect(page.res.status).toBe(200);
    expect(await page.res.text()).toContain("<label for=password>Password</label>");
  });
});
