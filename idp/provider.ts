// oidc-provider configured as "Rackwave portal SSO" for the demo: one confidential client (the
// portal), authorization code + PKCE (S256), OpenID scopes only, our own pages and storage.
import Provider, { type Configuration, type ErrorOut, type KoaContextWithOIDC } from "oidc-provider";
import type { Env } from "../lib/env";
import { errorPage, loggedOutPage, logoutPage } from "./html";
import type { PrivateJwks } from "./keys";
import type { UserDirectory } from "./users";

export const CLIENT_NAME = "MigoSMTP";

export type ProviderDeps = {
  jwks: PrivateJwks;
  users: UserDirectory;
  adapter: NonNullable<Configuration["adapter"]>;
};

type ProviderEnv = Pick<
  Env,
  "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "PORTAL_URL" | "IDP_COOKIE_KEYS"
>;

export function createProvider(env: ProviderEnv, deps: ProviderDeps): Provider {
  const cookieKeys = (env.IDP_COOKIE_KEYS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  // parseEnv already requires IDP_COOKIE_KEYS in demo mode; unsigned cookies would let anyone forge a session id.
  if (cookieKeys.length === 0) throw new Error("IDP_COOKIE_KEYS must list at least one key");

  const { logoutSource, postLogoutSuccessSource, renderError } = pages(new URL(env.PORTAL_URL).origin);

  const configuration: Configuration = {
    adapter: deps.adapter,
    jwks: deps.jwks,
    clients: [
      {
        client_id: env.OIDC_CLIENT_ID,
        client_secret: env.OIDC_CLIENT_SECRET,
        client_name: CLIENT_NAME,
        application_type: "web",
        // http://localhost is accepted here: oidc-provider only insists on https for implicit-flow
        // web clients, and this client may use the code flow only.
        redirect_uris: [`${env.PORTAL_URL}/api/auth/callback/oidc`],
        post_logout_redirect_uris: [`${env.PORTAL_URL}/signin`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // oidc-provider treats client_secret_basic and client_secret_post as one family: a client
        // registered with either may authenticate with both.
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "RS256",
        // auth_time in every ID token, so the portal can enforce its step-up window (STEP_UP_MAX_AGE).
        require_auth_time: true,
      },
    ],
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    responseTypes: ["code"],
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile"],
    claims: {
      // amr rides on openid so ID tokens say how the user signed in ("pwd"); userinfo has no amr to give.
      openid: ["sub", "amr"],
      email: ["email", "email_verified"],
      profile: ["name"],
      // Standard ID token members, listed so they are not filtered out.
      auth_time: null,
      acr: null,
      sid: null,
      iss: null,
    },
    async findAccount(_ctx, sub) {
      const user = deps.users.findBySub(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        // Demo users' addresses are the IdP's own records, hence verified.
        claims: () => ({ sub: user.sub, email: user.email, email_verified: true, name: user.name }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: "lax" },
      short: { httpOnly: true, sameSite: "lax" },
    },
    ttl: {
      Session: 8 * 3600,
      Grant: 8 * 3600,
      Interaction: 10 * 60,
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 10 * 60,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      // Not used by the portal: fewer endpoints, fewer ways in.
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
      dPoP: { enabled: false },
      introspection: { enabled: false },
      revocation: { enabled: false },
      registration: { enabled: false },
    },
    // The portal talks to the IdP server-to-server; no browser origin needs CORS.
    clientBasedCORS: () => false,
    renderError,
  };

  const provider = new Provider(env.OIDC_ISSUER, configuration);
  provider.proxy = false; // listens on loopback only; X-Forwarded-* from a client is never trusted
  return provider;
}

/** oidc-provider's own pages (logout, errors) in the IdP's look; `formTarget` is where their forms may lead. */
function pages(formTarget: string) {
  const send = (ctx: KoaContextWithOIDC, html: string): void => {
    ctx.type = "html";
    ctx.set("Cache-Control", "no-store");
    ctx.set("X-Frame-Options", "DENY");
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Referrer-Policy", "no-referrer");
    ctx.set(
      "Content-Security-Policy",
      `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formTarget}; frame-ancestors 'none'; base-uri 'none'`,
    );
    ctx.body = html;
  };
  return {
    logoutSource(ctx: KoaContextWithOIDC, form: string): void {
      send(ctx, logoutPage(form, ctx.host));
    },
    postLogoutSuccessSource(ctx: KoaContextWithOIDC): void {
      send(ctx, loggedOutPage(ctx.oidc.client?.clientName));
    },
    renderError(ctx: KoaContextWithOIDC, out: ErrorOut): void {
      // Only oidc-provider's error code and description reach the page: no stack, no internals.
      send(
        ctx,
        errorPage(
          "Sign-in failed",
          "The sign-in request could not be completed. Go back to the portal and try again.",
          out.error_description ? `${out.error}: ${out.error_description}` : out.error,
        ),
      );
    },
  };
}
