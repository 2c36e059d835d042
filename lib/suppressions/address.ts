// The one form a suppressed address is kept, compared and looked up in: trimmed, angle brackets
// dropped, lower-cased, the domain in ASCII (IDNs as punycode). The relay looks RCPT TO up in
// this form, so an entry added as "Alice@Example.COM" refuses "alice@example.com" and back.
import { z } from "zod";
import { asciiHost } from "../domains/ascii-host";
import { isLocalPart, MAX_LOCAL_PART as MAX_LOCAL } from "../mail/local-part";

/** RFC 5321's limit on a path (and lib/mail/local-part.ts's on a local part). */
const MAX_ADDRESS = 254;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// Dot-atom local parts (what applications send to). A quoted one is the same mailbox as its
// unquoted form ("john.doe"@x is john.doe@x) and is kept in that form; one that needs its quotes
// (a space, a second @) is refused.

/**
 * `address`: the form the list keeps and compares (lower case). `mailbox`: the same address with
 * its local part's case as given, the form to deliver to (only the receiving system may fold it).
 */
export type AddressCheck = { ok: true; address: string; mailbox: string } | { ok: false; reason: string; nonAscii?: true };

/** A quoted local part without its quotes and backslashes ("jo\\hn" is john); any other text as it is. */
function unquoted(local: string): string {
  if (local.length < 2 || !local.startsWith('"') || !local.endsWith('"')) return local;
  let out = "";
  for (let i = 1; i < local.length - 1; i++) {
    const c = local[i]!;
    if (c === "\\" && i < local.length - 2) out += local[++i];
    else if (c === '"') return local;
    else out += c;
  }
  return out;
}

/** The normalised address, or why `raw` is not an email address (a sentence for import reports and forms). */
export function checkSuppressionAddress(raw: string): AddressCheck {
  let text = raw.trim();
  if (text.startsWith("<") && text.endsWith(">")) text = text.slice(1, -1).trim();
  if (text === "") return { ok: false, reason: "empty: an email address is required" };
  if (text.length > MAX_ADDRESS) return { ok: false, reason: `too long: at most ${MAX_ADDRESS} characters` };
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) return { ok: false, reason: "not an email address: it needs a part before and after one @" };
  const given = unquoted(text.slice(0, at));
  const local = given.toLowerCase();
  if (local.length > MAX_LOCAL) return { ok: false, reason: `not an email address: the part before @ is longer than ${MAX_LOCAL} characters` };
  if (/[^\x00-\x7f]/.test(local)) return { ok: false, reason: "the part before @ is not plain ASCII (internationalised addresses need SMTPUTF8, which MigoSMTP does not offer)", nonAscii: true };
  if (!isLocalPart(local)) return { ok: false, reason: "not an email address: the part before @ has characters an address cannot have" };
  const domain = asciiHost(text.slice(at + 1));
  const labels = domain.split(".");
  // A top-level domain is never all digits: "1.2.3.4" is an IP address, which needs [brackets].
  if (!domain || labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!))
    return { ok: false, reason: "not an email address: the part after @ is not a domain name" };
  const address = `${local}@${domain}`;
  if (address.length > MAX_ADDRESS) return { ok: false, reason: `too long: at most ${MAX_ADDRESS} characters` };
  return { ok: true, address, mailbox: `${given}@${domain}` };
}

/** The form the relay looks RCPT TO up in: lower-cased with an ASCII domain, no validation (the relay already checked syntax). */
export function suppressionKey(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return address.trim().toLowerCase();
  return `${address.slice(0, at).toLowerCase()}@${asciiHost(address.slice(at + 1)) || address.slice(at + 1).toLowerCase()}`;
}

/** A form field: an address, normalised on parse. */
export const ZSuppressionAddress = z.string().max(400).transform((value, ctx) => {
  const checked = checkSuppressionAddress(value);
  if (!checked.ok) {
    ctx.addIssue({ code: "custom", message: checked.reason });
    return z.NEVER;
  }
  return checked.address;
});
