// Which address a request came from, for audit rows and sign-in throttling. X-Forwarded-For is
// written by whoever sends the request, so it is believed only hop by hop from the socket's
// peer inwards while each hop is a trusted proxy (TRUSTED_PROXIES); the answer is the right-most
// address no trusted proxy stands for. With no trusted proxies, the header is ignored.
import { isTrusted, normaliseIp, type TrustedProxies } from "./cidr";

export type ClientIpInput = {
  /** The socket's peer address, as the portal's server saw it. */
  peer: string | null | undefined;
  /** X-Forwarded-For as received: one string (Node joins repeated headers with ", ") or several. */
  forwardedFor: string | string[] | null | undefined;
};

const MAX_HOPS = 32;

export function clientIp(input: ClientIpInput, trusted: TrustedProxies): string | null {
  let current = normaliseIp(input.peer ?? "");
  if (!current) return null;
  if (!isTrusted(trusted, current)) return current;
  const values = Array.isArray(input.forwardedFor) ? input.forwardedFor : input.forwardedFor ? [input.forwardedFor] : [];
  const hops = values.join(",").split(",").slice(-MAX_HOPS);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseIp(hops[i]!);
    // A value we cannot read ends what we can vouch for: the proxy that passed it on is the answer.
    if (!hop) return current;
    if (!isTrusted(trusted, hop)) return hop;
    current = hop;
  }
  return current;
}
