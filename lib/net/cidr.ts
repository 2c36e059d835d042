// IP addresses and CIDR ranges, for TRUSTED_PROXIES, API tokens' and SMTP accounts' IP
// allowlists (lib/access-policy/ip-allowlist.ts). Addresses are normalised so that one
// host has one spelling: IPv4-mapped IPv6 (::ffff:10.0.0.1, what a dual-stack socket reports)
// becomes plain IPv4, and brackets, ports and IPv6 zone ids are dropped.
import { BlockList, isIP, isIPv4, isIPv6 } from "node:net";
import { ipv4FromGroups, ipv6Groups } from "./ipv6-groups";

export type TrustedProxies = { readonly matches: (address: string) => boolean; readonly entries: readonly string[] };

/** "10.0.0.0/8, 192.168.1.1 2001:db8::/32" → a matcher; throws Error naming the bad entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  const cidrs = entries.map((entry) => {
    const cidr = parseCidr(entry);
    if (typeof cidr === "string") throw new Error(`has an entry that is not an IP address or CIDR range: "${entry.slice(0, 60)}"`);
    return cidr;
  });
  return { matches: cidrMatcher(cidrs), entries };
}

export function isTrusted(proxies: TrustedProxies, address: string): boolean {
  return proxies.entries.length > 0 && proxies.matches(address);
}

/**
 * Does a normalised address fall in one of `cidrs`? One BlockList per family: BlockList matches
 * an IPv4 address against any IPv6 rule covering ::ffff:0:0/96, so "::/0" (every IPv6 address)
 * let every IPv4 client in.
 */
export function cidrMatcher(cidrs: readonly Cidr[]): (address: string) => boolean {
  const lists = { ipv4: new BlockList(), ipv6: new BlockList() };
  for (const c of cidrs) lists[c.family].addSubnet(c.address, c.prefix, c.family);
  return (address) => {
    const family = isIPv4(address) ? "ipv4" : "ipv6";
    return lists[family].check(address, family);
  };
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
  if (g && g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return ipv4FromGroups(g[6]!, g[7]!);
  return v.toLowerCase();
}

export type Cidr = { address: string; prefix: number; family: "ipv4" | "ipv6" };

/** "10.0.0.7/8" → { address: "10.0.0.0", prefix: 8 } (host bits cleared); an error message otherwise. Only a bare address: no brackets, port or zone id. */
export function parseCidr(entry: string): Cidr | string {
  const text = entry.trim();
  const shown = text.slice(0, 60);
  const [rawAddress, rawPrefix, extra] = text.split("/");
  if (extra !== undefined) return `"${shown}" has more than one "/"; write a range like 203.0.113.0/24`;
  const rawText = (rawAddress ?? "").trim();
  // Only a bare address: no brackets, port or zone id (normaliseIp would quietly drop them).
  const address = isIP(rawText) && !rawText.includes("%") ? normaliseIp(rawText) : null;
  if (!address) return `"${shown}" is not an IPv4 or IPv6 address; write an address like 203.0.113.7 or a range like 203.0.113.0/24`;
  const family = isIPv4(address) ? "ipv4" : "ipv6";
  const max = family === "ipv4" ? 32 : 128;
  // An IPv4-mapped range, however written (::ffff:10.0.0.0/104, ::ffff:a00:0/104,
  // 0:0:0:0:0:ffff:a00:0/104), is the IPv4 range it maps: normaliseIp read it as IPv4.
  const mappedOffset = family === "ipv4" && isIPv6(rawText) ? 96 : 0;
  let prefix = max;
  if (rawPrefix !== undefined) {
    if (!/^\d{1,3}$/.test(rawPrefix)) return `"${shown}" has a prefix length that is not a number; write e.g. /24`;
    prefix = Number(rawPrefix) - mappedOffset;
    if (mappedOffset && (prefix < 0 || prefix > max)) return `"${shown}" is an IPv4-mapped range: its prefix length must be /96 to /128; or write the IPv4 range, e.g. 10.0.0.0/8`;
    if (prefix > max) return `"${shown}" has a prefix length beyond ${max}; an ${family === "ipv4" ? "IPv4" : "IPv6"} range is /0 to /${max}`;
  }
  return { address: networkAddress(address, prefix, family), prefix, family };
}

export function cidrText(cidr: Cidr): string {
  return `${cidr.address}/${cidr.prefix}`;
}

/** The address with the bits past `prefix` cleared, in its one spelling. */
function networkAddress(address: string, prefix: number, family: "ipv4" | "ipv6"): string {
  const bits = family === "ipv4" ? 32 : 128;
  const value = family === "ipv4" ? address.split(".").reduce((n, part) => (n << 8n) | BigInt(part), 0n) : ipv6ToBigInt(address);
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  const network = value & mask;
  if (family === "ipv4") return [24n, 16n, 8n, 0n].map((s) => String((network >> s) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((network >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  return compressIpv6(groups.join(":"));
}

function ipv6ToBigInt(address: string): bigint {
  return (ipv6Groups(address) ?? []).reduce((n, g) => (n << 16n) | BigInt(g), 0n);
}

/** RFC 5952: the longest run (≥ 2) of zero groups becomes "::", hex in lower case without leading zeros. */
function compressIpv6(expanded: string): string {
  const groups = expanded.split(":").map((g) => parseInt(g, 16).toString(16));
  if (groups.length !== 8) return expanded;
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(":");
  return `${groups.slice(0, best.start).join(":")}::${groups.slice(best.start + best.length).join(":")}`;
}
