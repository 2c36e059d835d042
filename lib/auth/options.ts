// next-auth (v4) with one generic OpenID Connect provider configured only by env, so it works
// against Keycloak, Entra ID, Okta, Google or the embedded demo IdP unchanged. The JWT cookie
// carries only the id of a server-side Session row; who the user is and what they may do is
// read from the database on every request (lib/auth/session.ts).
import type { AuthOptions } from "next-auth";
import { getDb } from "../db";
import { getEnv } from "../env";
import { safeReturnPath } from "./return-path";
import { signInWithIdentity, signOutSession } from "./sign-in";
import { currentRequestMeta } from "./request-meta";
import { recordAudit } from "../audit/record";

export const OIDC_PROVIDER_ID = "oidc";

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string };

export function getAuthOptions(): AuthOptions {
  const env = getEnv();
  const secure = env.PORTAL_URL.startsWith("https://");
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE },
    pages: { signIn: "/signin", error: "/signin" },
    useSecureCookies: secure,
    providers: [
      {
        id: OIDC_PROVIDER_ID,
        name: env.OIDC_DISPLAY_NAME,
        type: "oauth",
        wellKnown: `${env.OIDC_ISSUER}/.well-known/openid-configuration`,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
        authorization: { params: { scope: "openid email profile" } },
        checks: ["pkce", "state"],
        idToken: true,
        // openid-client's default of 3.5 s fails a first sign-in against an IdP that is still
        // warming up (or a slow corporate one) with OAUTH_CALLBACK_ERROR.
        httpOptions: { timeout: 10_000 },
        // Some IdPs put only `sub` in the ID token: read the profile from userinfo.
        userinfo: {
          async request({ client, tokens }) {
            return (await client.userinfo(tokens.access_token!)) as Record<string, unknown>;
          },
        },
        profile(profile: OidcProfile) {
          return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? null };
        },
      },
    ],
    callbacks: {
      async signIn({ profile }) {
        const p = profile as OidcProfile | undefined;
        return Boolean(p?.sub && p.email);
      },
      async jwt({ token, account, profile }) {
        if (account && profile) {
          const p = profile as OidcProfile;
          const claims = decodeJwtPayload(account.id_token);
          const { sessionToken } = await signInWithIdentity(
            getDb(),
            {
              issuer: env.OIDC_ISSUER,
              subject: p.sub,
              email: p.email!,
              emailVerified: p.email_verified === true,
              name: p.name ?? null,
              authTime: typeof claims?.auth_time === "number" ? claims.auth_time : null,
            },
            await currentRequestMeta(),
            env.SESSION_MAX_AGE,
          );
          return { sid: sessionToken, idToken: account.id_token };
        }
        return token;
      },
      async session({ session }) {
        // The browser learns nothing from here; server code reads lib/auth/session.ts.
        return { expires: session.expires } as typeof session;
      },
      // Same rule as the sign-in page: only a path of the portal, resolved and checked as a whole
      // (a prefix test would let "http://portal.example.evil" or "…@evil" through).
      async redirect({ url }) {
        return `${env.PORTAL_URL}${safeReturnPath(url, env.PORTAL_URL)}`;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await signOutSession(getDb(), token.sid, await currentRequestMeta());
      },
    },
    logger: {
      error(code, metadata) {
        // A refused or broken sign-in: keep the trail, never the tokens.
        if (/OAUTH|CALLBACK|SIGNIN/i.test(code)) {
          void currentRequestMeta()
            .then((meta) => recordAudit(getDb(), { meta }, { action: "auth.sign_in_failed", metadata: { code } }))
            .catch(() => {});
        }
        console.error(JSON.stringify({ level: "error", msg: "next-auth", code, message: (metadata as Error)?.message }));
      },
      warn() {},
      debug() {},
    },
    cookies: undefined,
  };
}

function decodeJwtPayload(jwt: string | undefined): Record<string, unknown> | null {
  if (!jwt) return null;
  try {
    return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}
