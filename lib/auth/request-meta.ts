// The client address and user agent of the request being served, for audit events. The
// socket's peer address comes from the portal's own server (scripts/portal-server.ts sets
// PEER_HEADER, replacing anything a client sent); X-Forwarded-For counts only through
// TRUSTED_PROXIES (lib/net/client-ip.ts).
import { headers } from "next/headers";
import { getEnv } from "../env";
import { clientIp } from "../net/client-ip";
import { PEER_HEADER } from "../net/peer-header";
import type { RequestMeta } from "./sign-in";

export async function currentRequestMeta(): Promise<RequestMeta> {
  try {
    const h = await headers();
    const ip = clientIp({ peer: h.get(PEER_HEADER), forwardedFor: h.get("x-forwarded-for") }, getEnv().TRUSTED_PROXIES);
    return { ip, userAgent: h.get("user-agent") };
  } catch {
    return { ip: null, userAgent: null };
  }
}
