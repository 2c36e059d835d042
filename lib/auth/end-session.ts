// Sign-out ends the portal's server-side session at once and, where the IdP offers
// RP-initiated logout, returns the URL that ends the IdP's session too.
import { getDb } from "../db";
import { getEnv } from "../env";
import { currentRequestMeta } from "./request-meta";
import { readSessionCookie } from "./session";
import { signOutSession } from "./sign-in";

let endSessionEndpoint: Promise<string | null> | undefined;

function discoverEndSessionEndpoint(issuer: string): Promise<string | null> {
  endSessionEndpoint ??= fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) })
    .then((r) => (r.ok ? (r.json() as Promise<{ end_session_endpoint?: string }>) : {}))
    .then((d) => ("end_session_endpoint" in d && typeof d.end_session_endpoint === "string" ? d.end_session_endpoint : null))
    .catch(() => {
      endSessionEndpoint = undefined; // try again next time
      return null;
    });
  return endSessionEndpoint;
}

export async function endSession(): Promise<{ idpLogoutUrl: string | null }> {
  const cookie = await readSessionCookie();
  if (!cookie) return { idpLogoutUrl: null };
  await signOutSession(getDb(), cookie.sid, await currentRequestMeta());
  const env = getEnv();
  const endpoint = await discoverEndSessionEndpoint(env.OIDC_ISSUER);
  if (!endpoint || !cookie.idToken) return { idpLogoutUrl: null };
  const url = new URL(endpoint);
  url.searchParams.set("id_token_hint", cookie.idToken);
  url.searchParams.set("post_logout_redirect_uri", `${env.PORTAL_URL}/signin`);
  url.searchParams.set("client_id", env.OIDC_CLIENT_ID);
  return { idpLogoutUrl: url.toString() };
}
