// SSRF guard for webhook endpoints: only http(s) URLs without credentials, and only hosts whose
// every address is public. Checked when an endpoint is saved AND when each POST connects: the
// HTTP agent resolves through `guardedLookup`, so the socket goes to the address just checked
// (no window for DNS rebinding between the check and the connection).
// WEBHOOK_ALLOW_PRIVATE=true (demo mode, tests) lets private targets through.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { ipv4FromGroups, ipv6Groups } from "../net/ipv6-groups";
import { AppError } from "../errors/app-error";
import { normaliseIp } from "../net/cidr";

export const PRIVATE_TARGET_MESSAGE = "That address is on a private network; webhooks must go to a public URL.";

/** Ranges a webhook may not reach. BlockList also matches IPv4-mapped IPv6 (::ffff:10.0.0.1, ::ffff:a00:1) against the IPv4 rules. */
const BLOCKED = (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ["0.0.0.0", 8], // "this network", unspecified
    ["10.0.0.0", 8],
    ["100.64.0.0", 10], // carrier-grade NAT
    ["127.0.0.0", 8],
    ["169.254.0.0", 16], // link-local (cloud metadata services)
    ["172.16.0.0", 12],
    ["192.0.0.0", 24], // IETF protocol assignments
    ["192.168.0.0", 16],
    ["198.18.0.0", 15], // benchmarking
    ["224.0.0.0", 4], // multicast
    ["240.0.0.0", 4], // reserved, broadcast
  ];
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, "ipv4");
  const v6: [string, number][] = [
    ["::", 128], // unspecified
    ["::1", 128],
    ["fc00::", 7], // unique local
    ["fe80::", 10], // link-local
    ["fec0::", 10], // site-local (deprecated)
    ["ff00::", 8], // multicast
    // Not globally reachable (IANA's special-purpose registry), and where a translator or relay
    // could carry a request into a private network:
    ["64:ff9b:1::", 48], // local-use NAT64 (RFC 8215): maps to whatever the local translator is set to
    ["100::", 64], // discard-only
    ["2001::", 23], // IETF protocol assignments: Teredo (2001::/32, an obfuscated IPv4 inside), benchmarking, ORCHID
    ["2001:db8::", 32], // documentation
    ["3fff::", 20], // documentation
    ["5f00::", 16], // segment routing SIDs
  ];
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, "ipv6");
  return list;
})();

/**
 * The IPv4 address an IPv6 address carries, or null: NAT64 (64:ff9b::/96), the IPv4-compatible
 * and IPv4-mapped forms (::/96, ::ffff:0:0/96, also after the NAT64 prefix), SIIT's
 * IPv4-translated form (::ffff:0:0:0/96, RFC 2765) and 6to4 (2002:AABB:CCDD::/48, RFC 3056).
 * Read from the address's groups (lib/net/ipv6-groups.ts).
 */
function embeddedIpv4(v6: string): string | null {
  const g = ipv6Groups(v6);
  if (!g) return null;
  if (g[0] === 0x2002) return ipv4FromGroups(g[1]!, g[2]!);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b;
  const zeroed = g.slice(nat64 ? 2 : 0, 4).every((x) => x === 0);
  const tail = [g[4], g[5]].join(":");
  return zeroed && ["0:0", "0:65535", "65535:0"].includes(tail) ? ipv4FromGroups(g[6]!, g[7]!) : null;
}

/** True when a webhook may not connect to `address` (an IP literal; anything unparsable is blocked). */
export function isBlockedAddress(address: string): boolean {
  const ip = normaliseIp(address);
  if (!ip) return true;
  if (isIP(ip) === 4) return BLOCKED.check(ip, "ipv4");
  if (BLOCKED.check(ip, "ipv6")) return true;
  const inner = embeddedIpv4(ip);
  return inner !== null && BLOCKED.check(inner, "ipv4");
}

/** The URL, parsed, if it is one a webhook may be sent to (scheme, no credentials, a host); else INVALID_INPUT. */
export function parseWebhookUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AppError("INVALID_INPUT", "Enter a full URL, such as https://example.com/webhooks/migosmtp.", "url");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("INVALID_INPUT", "Webhook URLs must start with https:// (or http://).", "url");
  if (url.username || url.password) throw new AppError("INVALID_INPUT", "Webhook URLs may not contain a user name or password; the signature authenticates each request.", "url");
  if (!url.hostname) throw new AppError("INVALID_INPUT", "The URL has no host name.", "url");
  return url;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

export type ResolveHost = (host: string) => Promise<LookupAddress[]>;

const systemResolve: ResolveHost = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * Save-time check: the URL is well formed and, unless private targets are allowed, every
 * address its host resolves to is public. Throws AppError INVALID_INPUT with a message for the form.
 */
export async function checkWebhookUrl(value: string, { allowPrivate, resolve = systemResolve }: { allowPrivate: boolean; resolve?: ResolveHost }): Promise<URL> {
  const url = parseWebhookUrl(value);
  if (allowPrivate) return url;
  const host = hostOf(url);
  if (isIP(host)) {
    if (isBlockedAddress(host)) throw new AppError("INVALID_INPUT", PRIVATE_TARGET_MESSAGE, "url");
    return url;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new AppError("INVALID_INPUT", `The host name ${host.slice(0, 100)} does not resolve; check the URL.`, "url");
  }
  if (addresses.length === 0 || addresses.some((a) => isBlockedAddress(a.address))) throw new AppError("INVALID_INPUT", PRIVATE_TARGET_MESSAGE, "url");
  return url;
}

export class BlockedTargetError extends Error {
  readonly code = "WEBHOOK_BLOCKED_TARGET";
  constructor(host: string) {
    super(`${host} resolves to a private, loopback or link-local address (set WEBHOOK_ALLOW_PRIVATE=true to allow)`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request: resolves the host, refuses it when any of its addresses is
 * blocked, and hands the socket the checked address.
 */
export function guardedLookup({ allowPrivate, resolve = systemResolve }: { allowPrivate: boolean; resolve?: ResolveHost }) {
  return (hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
        if (!allowPrivate && addresses.some((a) => isBlockedAddress(a.address))) return callback(new BlockedTargetError(hostname), "");
        if (typeof options === "object" && options?.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
