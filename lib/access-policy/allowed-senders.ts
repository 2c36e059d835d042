// An SMTP account's allowed senders: exact addresses, `*@domain` (any address on the domain) and
// `local+*@domain` (local, or local+anything — sub-addressing), one per line, each on one of the
// workspace's verified domains. Null means the account's own rule (its From address, or any
// address on its domain). Stored lower-case with IDN domains in punycode, so the relay compares
// strings.
import { asciiHost } from "../domains/ascii-host";
import { isLocalPart } from "../mail/local-part";

export const MAX_SENDER_PATTERNS = 50;

export type SenderPattern = { kind: "exact" | "domain" | "subaddress"; local: string; domain: string };

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** Lower-case ASCII domain (punycode), or "" when it is not a domain name. */
function asciiDomain(text: string): string {
  const ascii = asciiHost(text);
  return ascii && DOMAIN.test(ascii) ? ascii : "";
}

/**
 * A stored list is read with the rule it was saved under: before the dot-atom rule
 * (lib/mail/local-part.ts), an entry could have a dot at either end or two together, and the
 * relay must keep honouring it rather than drop it (and refuse that sender's mail).
 */
const SAVED_LOCAL = (local: string) => /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/.test(local);

/** One pattern → its parts, or what is wrong with it; `isLocal` is the rule for the part before the @. */
export function parseSenderPattern(entry: string, isLocal: (local: string) => boolean = isLocalPart): SenderPattern | string {
  const text = entry.trim();
  const shown = text.slice(0, 80);
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) return `"${shown}" is not an address; write name@example.com, *@example.com or name+*@example.com`;
  const local = text.slice(0, at).toLowerCase();
  const domain = asciiDomain(text.slice(at + 1));
  if (!domain) return `"${shown}" does not end in a domain name; write e.g. name@example.com`;
  if (local === "*") return { kind: "domain", local: "*", domain };
  if (local.endsWith("+*")) {
    const base = local.slice(0, -2);
    if (!isLocal(base) || base.includes("*") || base.includes("+")) return `"${shown}": before "+*" write one plain local part, e.g. billing+*@example.com`;
    return { kind: "subaddress", local: base, domain };
  }
  if (local.includes("*")) return `"${shown}": "*" may only stand for the whole local part (*@example.com) or after a "+" (name+*@example.com)`;
  if (!isLocal(local)) return `"${shown}" is not an address before the @: at most 64 letters, digits or symbols such as - _ + with single dots between them`;
  return { kind: "exact", local, domain };
}

export function patternText(p: SenderPattern): string {
  return p.kind === "domain" ? `*@${p.domain}` : p.kind === "subaddress" ? `${p.local}+*@${p.domain}` : `${p.local}@${p.domain}`;
}

/**
 * A form's text (patterns separated by new lines, commas or spaces) → the canonical stored value
 * (sorted, deduplicated, newline-separated; null when empty), every domain one of `verifiedDomains`.
 */
export function parseAllowedSenders(text: string, verifiedDomains: readonly string[]): { ok: true; value: string | null } | { ok: false; message: string } {
  const raw = text.split(/[\s,]+/).filter(Boolean);
  if (raw.length > MAX_SENDER_PATTERNS) return { ok: false, message: `List at most ${MAX_SENDER_PATTERNS} senders (there are ${raw.length}); use *@domain for a whole domain` };
  const verified = new Set(verifiedDomains.map((d) => asciiDomain(d)));
  const patterns = new Set<string>();
  for (const entry of raw) {
    const parsed = parseSenderPattern(entry);
    if (typeof parsed === "string") return { ok: false, message: parsed };
    if (!verified.has(parsed.domain))
      return { ok: false, message: `${parsed.domain} is not a verified domain of this workspace; verify it on the Domains page first, or use one of: ${[...verified].join(", ") || "(none yet)"}` };
    patterns.add(patternText(parsed));
  }
  return { ok: true, value: patterns.size > 0 ? [...patterns].sort().join("\n") : null };
}

export function senderPatterns(value: string): SenderPattern[] {
  return value
    .split("\n")
    .map((entry) => parseSenderPattern(entry, SAVED_LOCAL))
    .filter((p): p is SenderPattern => typeof p !== "string");
}

/** Does `pattern` allow the normalised (lower-case, punycode domain) address? */
export function patternAllows(p: SenderPattern, address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  const local = address.slice(0, at);
  if (address.slice(at + 1) !== p.domain) return false;
  if (p.kind === "domain") return true;
  if (p.kind === "exact") return local === p.local;
  return local === p.local || local.startsWith(`${p.local}+`);
}

const compiled = new Map<string, SenderPattern[]>();

/** Is `address` (normalised) allowed by the stored list? */
export function senderAllowed(value: string, address: string): boolean {
  let patterns = compiled.get(value);
  if (!patterns) {
    patterns = senderPatterns(value);
    if (compiled.size >= 1000) compiled.delete(compiled.keys().next().value!);
    compiled.set(value, patterns);
  }
  return patterns.some((p) => patternAllows(p, address));
}

/** The account's own rule as patterns: its From address, or its whole domain. */
export function defaultSenderPatterns(account: { fromAddress: string | null; domainName: string }): string {
  return account.fromAddress ? account.fromAddress.toLowerCase() : `*@${account.domainName.toLowerCase()}`;
}

/** Is every pattern of `next` covered by one of `previous`? Then the change narrows who may be sent as. */
export function sendersNarrow(previous: string, next: string): boolean {
  const old = senderPatterns(previous);
  return senderPatterns(next).every((n) =>
    old.some((o) => {
      if (o.domain !== n.domain) return false;
      if (o.kind === "domain") return true;
      if (n.kind === "domain") return false;
      if (n.kind === "exact") return patternAllows(o, `${n.local}@${n.domain}`);
      // n is local+*: covered by the same or a shorter sub-address root that allows all of it.
      return o.kind === "subaddress" && (n.local === o.local || n.local.startsWith(`${o.local}+`));
    }),
  );
}
