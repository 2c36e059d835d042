// IP addresses and CIDR ranges, for TRUSTED_PROXIES. Addresses are normalised so that one
// host has one spelling: IPv4-mapped IPv6 (::ffff:10.0.0.1, what a dual-stack socket reports)
// becomes plain IPv4, and brackets, ports and IPv6 zone ids are dropped.
import { BlockList, isIP, isIPv4, isIPv6 } from "node:net";
import { ipv6Groups } from "./ipv6-groups";

/** One list per family: BlockList matches an IPv4 address against any IPv6 rule covering ::ffff:0:0/96 (so "::/0" would trust every IPv4 peer). */
export type TrustedProxies = { readonly lists: Readonly<Record<"ipv4" | "ipv6", BlockList>>; readonly entries: readonly string[] };

/** "10.0.0.0/8, 192.168.1.1 2001:db8::/32" → a matcher; throws Error naming the bad entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const lists = { ipv4: new BlockList(), ipv6: new BlockList() };
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const [rawAddress, rawPrefix, extra] = entry.split("/");
    const address = normaliseIp(rawAddress ?? "");
    const family = address && isIPv4(address) ? "ipv4" : "ipv6";
    const max = family === "ipv4" ? 32 : 128;
    // An IPv4-mapped range (::ffff:10.0.0.0/104, ::ffff:a00:0/104) is the IPv4 range it maps.
    const mappedOffset = family === "ipv4" && isIPv6(rawAddress ?? "") ? 96 : 0;
    const prefix = rawPrefix === undefined ? max : /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) - mappedOffset : NaN;
    // The entry as written must be an address: a port or a zone id would be dropped by
    // normaliseIp (which reads them in headers), leaving a wider rule than the one typed.
    const plain = rawAddress !== undefined && isIP(rawAddress) !== 0 && !rawAddress.includes("%");
    if (!address || !plain || extra !== undefined || !(prefix >= 0 && prefix <= max)) throw new Error(`has an entry that is not an IP address or CIDR range: "${entry.slice(0, 60)}"`);
    lists[family].addSubnet(address, prefix, family);
  }
  return { lists, entries };
}

export function isTrusted(proxies: TrustedProxies, address: string): boolean {
  const family = isIPv4(address) ? "ipv4" : "ipv6";
  return proxies.entries.length > 0 && proxies.lists[family].check(address, family);
}

/** A valid address in its one spelling, or null for anything else (names, garbage, "unknown"). */
export function normaliseIp(value: string): string | null {
  let v = value.trim();
  if (v.length === 0 || v.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(v)) v = v.slice(0, v.indexOf(":")); // IPv4 with a port
  v = v.replace(/%[\w.-]+$/, ""); // IPv6 zone id
  if (isIPv4(v)) return v;
  if (!isIPv6(v)) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(v);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  // IPv4-mapped in hex (::ffff:7f00:1) is the same IPv4 address.
  const g = ipv6Groups(v);
  if (g && g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join(".");
  return v.toLowerCase();
}
