// An SMTP account's IP allowlist: IPv4 and IPv6 CIDRs, one per line, stored canonical (network
// address in its one spelling, with the prefix) so the same range is never two strings. Null
// means "any address". The relay matches with Node's BlockList, compiled once per list text.
import { BlockList, isIP, isIPv4, isIPv6 } from "node:net";
import { ipv6Groups } from "../net/ipv6-groups";
import { normaliseIp } from "../net/cidr";

/** Most ranges one account may list. */
export const MAX_ALLOWLIST_ENTRIES = 50;

export type Cidr = { address: string; prefix: number; family: "ipv4" | "ipv6" };

/** "10.0.0.7/8" → { address: "10.0.0.0", prefix: 8 } (host bits cleared); an error message otherwise. */
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

/**
 * The text of a form (ranges separated by new lines, commas or spaces) → the canonical stored
 * value (sorted, deduplicated, newline-separated), null for an empty list, or the errors.
 */
export function parseIpAllowlist(text: string): { ok: true; value: string | null; entries: Cidr[] } | { ok: false; message: string } {
  const raw = text.split(/[\s,]+/).filter(Boolean);
  if (raw.length > MAX_ALLOWLIST_ENTRIES) return { ok: false, message: `List at most ${MAX_ALLOWLIST_ENTRIES} ranges (there are ${raw.length}); combine neighbours into a wider CIDR range` };
  const entries: Cidr[] = [];
  for (const entry of raw) {
    const parsed = parseCidr(entry);
    if (typeof parsed === "string") return { ok: false, message: parsed };
    if (!entries.some((e) => cidrText(e) === cidrText(parsed))) entries.push(parsed);
  }
  entries.sort((a, b) => (a.family === b.family ? cidrText(a).localeCompare(cidrText(b)) : a.family === "ipv4" ? -1 : 1));
  return { ok: true, value: entries.length > 0 ? entries.map(cidrText).join("\n") : null, entries };
}

/** Stored value → its ranges (stored values are canonical; anything unreadable is skipped, never widened to "any"). */
export function allowlistEntries(value: string): Cidr[] {
  return value.split("\n").map(parseCidr).filter((c): c is Cidr => typeof c !== "string");
}

/**
 * Compiled lists, each with the answers it gave: BlockList.check builds a native address object
 * per call (~10 µs of CPU), and a relay asks about the same few client addresses before every
 * message, so a decision is computed once per (list, address).
 */
type Compiled = { lists: Record<Cidr["family"], BlockList>; answers: Map<string, boolean> };
const compiled = new Map<string, Compiled>();
const MAX_COMPILED = 1000;
const MAX_ANSWERS = 256;

function compile(value: string): Compiled {
  let entry = compiled.get(value);
  if (!entry) {
    // One list per family: BlockList matches an IPv4 address against any IPv6 rule covering
    // ::ffff:0:0/96, so "::/0" (every IPv6 address) would have let every IPv4 client in.
    const lists = { ipv4: new BlockList(), ipv6: new BlockList() };
    for (const c of allowlistEntries(value)) lists[c.family].addSubnet(c.address, c.prefix, c.family);
    entry = { lists, answers: new Map() };
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(value, entry);
  }
  return entry;
}

/** May a client at `ip` use the account? Null allowlist: any address. IPv4-mapped IPv6 matches IPv4 ranges, and only those. */
export function ipAllowed(allowlist: string | null, ip: string): boolean {
  if (allowlist === null) return true;
  const entry = compile(allowlist);
  const known = entry.answers.get(ip);
  if (known !== undefined) return known;
  const address = normaliseIp(ip);
  const family = address !== null && isIPv4(address) ? "ipv4" : "ipv6";
  const allowed = address !== null && entry.lists[family].check(address, family);
  if (entry.answers.size >= MAX_ANSWERS) entry.answers.delete(entry.answers.keys().next().value!);
  entry.answers.set(ip, allowed);
  return allowed;
}

/** Is every range of `next` inside a range of `previous` (null: any address)? Then the change narrows access. */
export function allowlistNarrows(previous: string | null, next: string | null): boolean {
  if (next === null) return previous === null;
  if (previous === null) return true;
  const old = allowlistEntries(previous);
  return allowlistEntries(next).every((n) => old.some((o) => o.family === n.family && o.prefix <= n.prefix && singleRange(o).check(n.address, n.family)));
}

function singleRange(c: Cidr): BlockList {
  const list = new BlockList();
  list.addSubnet(c.address, c.prefix, c.family);
  return list;
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
