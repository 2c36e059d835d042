// A domain as the product stores it: lower-case ASCII (IDNs in punycode), two labels or more,
// a syntactically valid host name, never an IP address.
import { isIP } from "node:net";
import { z } from "zod";
import { asciiHost } from "./ascii-host";

export type DomainNameResult = { ok: true; name: string } | { ok: false; message: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * DNS's 253 characters, less the longest name the product publishes under a domain, a DKIM key's
 * `<selector>._domainkey.` (dkim-keys.ts: migo<yyyymm>, n2, n3… for another key that month): a
 * longer domain was accepted and could never be verified (EBADNAME).
 */
export const MAX_DOMAIN_NAME = 253 - "migo000000n999._domainkey.".length;

export function normaliseDomainName(input: string): DomainNameResult {
  let raw = input.trim().toLowerCase();
  if (raw.endsWith(".")) raw = raw.slice(0, -1);
  if (!raw) return { ok: false, message: "Enter a domain name, like example.com" };
  const tooLong = { ok: false as const, message: `A domain name here is at most ${MAX_DOMAIN_NAME} characters, so that its DKIM record's name fits DNS's 253` };
  if (raw.length > MAX_DOMAIN_NAME) return tooLong;
  if (/[\s@/:]/.test(raw)) return { ok: false, message: "Enter only the domain name, like example.com (no address, URL or port)" };
  if (isIP(raw) || isIP(raw.replace(/^\[|\]$/g, ""))) return { ok: false, message: "Enter a domain name, not an IP address" };
  const ascii = asciiHost(raw);
  if (!ascii) return { ok: false, message: `${input.trim().slice(0, 100)} is not a valid domain name: use letters, digits, hyphens and dots, like example.com` };
  if (ascii.length > MAX_DOMAIN_NAME) return tooLong;
  const labels = ascii.split(".");
  if (labels.length < 2) return { ok: false, message: "Enter a full domain name with at least two labels, like example.com" };
  if (!labels.every((l) => LABEL.test(l))) return { ok: false, message: `${input.trim()} is not a valid domain name` };
  // An all-numeric last label is what an IPv4 address looks like (1.2.3.4, 10.1): no TLD is numeric.
  if (/^[0-9]+$/.test(labels.at(-1)!)) return { ok: false, message: "Enter a domain name, not an IP address" };
  return { ok: true, name: ascii };
}

/** The form's and the action's schema: parses and normalises (→ punycode) in one step. */
export const ZDomainName = z
  .string()
  .max(300, `A domain name here is at most ${MAX_DOMAIN_NAME} characters`)
  .transform((value, ctx) => {
    const result = normaliseDomainName(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    return result.name;
  });
