// A host name as ASCII (IDNs in punycode), the one way the product converts one. Node's
// domainToASCII runs the URL host parser, which stops at "\", "?" or "#" and decodes "%2e": typed
// into a form, "evil.test\acme.test" was saved as evil.test and "a.b%2ec" as a.b.c. Text holding
// any character a host name cannot is refused here instead ("").
import { domainToASCII } from "node:url";

// Whitespace, controls, and what URL parsing treats as a delimiter or an escape.
const NOT_IN_A_HOST = /[\s\p{Cc}\\/?#%@:[\]<>^|"'`{}]/u;

/** `text` lower-cased, without a trailing dot, in ASCII; "" when it cannot be a host name. */
export function asciiHost(text: string): string {
  const host = text.trim().toLowerCase().replace(/\.$/, "");
  if (!host || NOT_IN_A_HOST.test(host)) return "";
  return domainToASCII(host);
}
