import { describe, expect, it } from "vitest";
import { checkSuppressionAddress, suppressionKey, ZSuppressionAddress } from "./address";

describe("suppression addresses", () => {
  it("are lower-cased, trimmed and stripped of angle brackets, with the mailbox as spelled beside them", () => {
    expect(checkSuppressionAddress("  <Alice.Smith@Example.COM> ")).toEqual({ ok: true, address: "alice.smith@example.com", mailbox: "Alice.Smith@example.com" });
  });

  it("refuse a domain the URL host parser would decode or cut short, instead of keeping a different address", () => {
    for (const text of ["Victim@exa%6dple.COM", "victim@example.com#frag", "victim@evil.test\\example.com"])
      expect(checkSuppressionAddress(text), text).toEqual({ ok: false, reason: expect.stringContaining("not a domain name") });
  });

  it("keep an internationalised domain in punycode, as the relay looks it up", () => {
    expect(checkSuppressionAddress("jörg@Bücher.example")).toEqual({ ok: false, reason: expect.stringContaining("before @"), nonAscii: true });
    expect(checkSuppressionAddress("joerg@Bücher.example")).toEqual({ ok: true, address: "joerg@xn--bcher-kva.example", mailbox: "joerg@xn--bcher-kva.example" });
    expect(suppressionKey("Joerg@Bücher.Example")).toBe("joerg@xn--bcher-kva.example");
  });

  it("are the mailbox a quoted local part names, without quotes it does not need", () => {
    expect(checkSuppressionAddress('"Blocked"@example.com')).toEqual({ ok: true, address: "blocked@example.com", mailbox: "Blocked@example.com" });
    expect(checkSuppressionAddress('"blo\\cked"@example.com')).toEqual({ ok: true, address: "blocked@example.com", mailbox: "blocked@example.com" });
    expect(checkSuppressionAddress('"a b"@example.com').ok).toBe(false);
    expect(checkSuppressionAddress('"a@b"@example.com').ok).toBe(false);
  });

  it("never end in an all-digit top-level domain (an IP address without brackets)", () => {
    expect(checkSuppressionAddress("a@1.2.3.4")).toEqual({ ok: false, reason: expect.stringContaining("not a domain name") });
    expect(checkSuppressionAddress("a@123.example")).toEqual({ ok: true, address: "a@123.example", mailbox: "a@123.example" });
  });

  it("match the relay's key for the same address whatever its case", () => {
    const stored = checkSuppressionAddress("Bob@Example.org");
    expect(stored.ok && stored.address).toBe(suppressionKey("bob@EXAMPLE.ORG"));
  });

  it("refuse what is not an email address, saying why", () => {
    expect(checkSuppressionAddress("")).toMatchObject({ ok: false, reason: expect.stringMatching(/^empty/) });
    expect(checkSuppressionAddress("no-at-sign")).toMatchObject({ ok: false, reason: expect.stringContaining("one @") });
    expect(checkSuppressionAddress("a@localhost")).toMatchObject({ ok: false, reason: expect.stringContaining("not a domain name") });
    expect(checkSuppressionAddress("a b@example.com")).toMatchObject({ ok: false });
    expect(checkSuppressionAddress("a@-bad-.com")).toMatchObject({ ok: false });
    expect(checkSuppressionAddress(`${"x".repeat(65)}@example.com`)).toMatchObject({ ok: false, reason: expect.stringContaining("64") });
    expect(checkSuppressionAddress(`a@${"x".repeat(250)}.com`)).toMatchObject({ ok: false, reason: expect.stringMatching(/^too long/) });
  });

  it("parse as a form field, normalised", () => {
    expect(ZSuppressionAddress.parse(" X@Y.Example ")).toBe("x@y.example");
    expect(ZSuppressionAddress.safeParse("nope").success).toBe(false);
  });
});
