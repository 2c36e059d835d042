import { resolve as legacyResolve } from "node:url";
import { describe, expect, it } from "vitest";
import { safeReturnPath, stepUpHref } from "./return-path";

const PORTAL = "http://localhost:3000";
const ORIGIN = new URL(PORTAL).origin;

// Ways to spell "leave the portal": each is combined with each target below.
const HOSTS = ["evil.example", "evil.example/x?y=1#z", "localhost:3001", "127.0.0.1:3000"];
const SPELLINGS: ((host: string) => string)[] = [
  (h) => `//${h}`,
  (h) => `/\\${h}`,
  (h) => `\\\\${h}`,
  (h) => `\\/${h}`,
  (h) => `/.//${h}`,
  (h) => `/./\\${h}`,
  (h) => `/..//${h}`,
  (h) => `/a/..//${h}`,
  (h) => `/a/../..//${h}`,
  (h) => `///${h}`,
  (h) => `/\t/${h}`,
  (h) => `/\n/${h}`,
  (h) => `/\r/${h}`,
  (h) => `\t//${h}`,
  (h) => ` //${h}`,
  (h) => `/%09/${h}`,
  (h) => `/%2F${h}`,
  (h) => `/%2f%2f${h}`,
  (h) => `/%5C${h}`,
  (h) => `/%252F%252F${h}`,
  (h) => `%2F%2F${h}`,
  (h) => `/.%2F%2F${h}`,
  (h) => `/%2e//${h}`,
  (h) => `/%2e%2e//${h}`,
  (h) => `/\u2215\u2215${h}`,
  (h) => `/\uff0f\uff0f${h}`,
  (h) => `/\u29f5${h}`,
  (h) => `http://${h}`,
  (h) => `https://${h}`,
  (h) => `HTTP://${h}`,
  (h) => `http:${h}`,
  (h) => `http:/${h}`,
  (h) => `http:\\\\${h}`,
  (h) => `//${h}@localhost:3000`,
  (h) => `http://localhost:3000@${h}`,
  (h) => `http://localhost:3000.${h}`,
  (h) => `http://localhost:3000\\@${h}`,
  (h) => `ftp://${h}`,
  (h) => `/\\/${h}`,
  (h) => `/\u0000/${h}`,
];
const SCHEMES = [
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "https://localhost:3000/w/acme",
  "http://localhost:3001/w/acme",
  "http://localhost/w/acme",
  "http://[::1]:3000/",
  "",
  "w/acme",
  "?x=1",
  "#top",
  "/".repeat(3000),
];

const corpus = [...HOSTS.flatMap((h) => SPELLINGS.map((s) => s(h))), ...SCHEMES];

/** How a browser resolves a Location header value: WHATWG URL, and, as a second opinion, Node's legacy resolver. */
function staysOnPortal(result: string): boolean {
  if (new URL(result, PORTAL).origin !== ORIGIN) return false;
  if (new URL(legacyResolve(`${PORTAL}/`, result)).origin !== ORIGIN) return false;
  // Read again as a fresh relative reference (what a second redirect would do) it must still be a path of this origin.
  return /^\/(?![/\\])/.test(result) && !/[\u0000-\u0020\\]/.test(result);
}

describe("return path after sign-in", () => {
  it("keeps a relative path of the portal with its query and fragment", () => {
    expect(safeReturnPath("/w/acme/smtp-accounts?reveal=abc#x", PORTAL)).toBe("/w/acme/smtp-accounts?reveal=abc#x");
  });

  it("keeps an absolute address of the portal itself as its path", () => {
    expect(safeReturnPath(`${PORTAL}/w/acme/domains?x=1`, PORTAL)).toBe("/w/acme/domains?x=1");
  });

  it("falls back to / for nothing at all", () => {
    expect(safeReturnPath(undefined, PORTAL)).toBe("/");
    expect(safeReturnPath(null, PORTAL)).toBe("/");
  });

  it(`has a corpus of at least 50 hostile spellings (${corpus.length})`, () => {
    expect(new Set(corpus).size).toBeGreaterThanOrEqual(50);
  });

  it.each(corpus.map((c) => [JSON.stringify(c), c]))("never leaves the portal's origin for %s", (_shown, input) => {
    const result = safeReturnPath(input, PORTAL);
    expect(staysOnPortal(result), `${JSON.stringify(input)} -> ${JSON.stringify(result)}`).toBe(true);
  });

  it("returns the normalised path, not the raw one, so /.//host cannot become //host", () => {
    expect(safeReturnPath("/.//evil.example", PORTAL)).not.toMatch(/^\/\//);
    expect(safeReturnPath("/./\\evil.example", PORTAL)).not.toMatch(/^\/[/\\]/);
  });
});

describe("the step-up sign-in link", () => {
  it("returns to the page it names, which the sign-in page accepts as a path of the portal", () => {
    const href = stepUpHref("/w/acme/smtp-accounts?reveal=acct_1#panel");
    expect(href).toBe("/signin?stepUp=1&callbackUrl=%2Fw%2Facme%2Fsmtp-accounts%3Freveal%3Dacct_1%23panel");
    const back = new URL(href, "http://portal.test").searchParams.get("callbackUrl");
    expect(safeReturnPath(back, "http://portal.test")).toBe("/w/acme/smtp-accounts?reveal=acct_1#panel");
  });
});

