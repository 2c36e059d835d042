// An SMTP account's IP allowlist: IPv4 and IPv6 CIDRs, one per line, stored canonical (network
// address in its one spelling, with the prefix) so the same range is never two strings. Null
// means "any address". The relay matches with cidrMatcher (lib/net/cidr.ts), compiled once per list text.
import { type Cidr, cidrMatcher, cidrText, normaliseIp, parseCidr } from "../net/cidr";

/** Most ranges one account may list. */
export const MAX_ALLOWLIST_ENTRIES = 50;

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
type Compiled = { matches: (address: string) => boolean; answers: Map<string, boolean> };
const compiled = new Map<string, Compiled>();
const MAX_COMPILED = 1000;
const MAX_ANSWERS = 256;

function compile(value: string): Compiled {
  let entry = compiled.get(value);
  if (!entry) {
    entry = { matches: cidrMatcher(allowlistEntries(value)), answers: new Map() };
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
  const allowed = address !== null && entry.matches(address);
  if (entry.answers.size >= MAX_ANSWERS) entry.answers.delete(entry.answers.keys().next().value!);
  entry.answers.set(ip, allowed);
  return allowed;
}

/** Is every range of `next` inside a range of `previous` (null: any address)? Then the change narrows access. */
export function allowlistNarrows(previous: string | null, next: string | null): boolean {
  if (next === null) return previous === null;
  if (previous === null) return true;
  const old = allowlistEntries(previous);
  return allowlistEntries(next).every((n) => old.some((o) => o.family === n.family && o.prefix <= n.prefix && cidrMatcher([o])(n.address)));
}
