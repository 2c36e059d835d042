import { describe, expect, it } from "vitest";
import { backoff, nextState, RETRY_MAX_MS } from "./check-state";
import { dkimRecordValue, dkimSelector, publicKeyOfDkimRecord } from "./dkim-keys";
import { classifyDnsError, parseDnsServers } from "./dns-lookup";
import { dnsRecordsFor } from "./dns-records";
import { normaliseDomainName, ZDomainName } from "./domain-name";

describe("normaliseDomainName", () => {
  it.each([
    ["Example.COM", "example.com"],
    ["  mail.example.co.uk. ", "mail.example.co.uk"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["例え.テスト", "xn--r8jz45g.xn--zckzah"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example"],
    ["a-b.example", "a-b.example"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseDomainName(input)).toEqual({ ok: true, name: expected });
  });

  it.each([
    ["", /Enter a domain/],
    ["localhost", /two labels/],
    ["192.168.1.10", /not an IP/],
    ["10.1", /not an IP/],
    ["::1", /(not an IP|only the domain)/],
    ["[2001:db8::1]", /(not an IP|only the domain)/],
    ["user@example.com", /only the domain/],
    ["https://example.com", /only the domain/],
    ["example.com:25", /only the domain/],
    ["-bad.example", /not a valid/],
    ["bad-.example", /not a valid/],
    ["under_score.example", /not a valid/],
    ["a..example", /not a valid/],
    [`${"a".repeat(64)}.example`, /not a valid/],
    [`${"abcdefghi.".repeat(26)}com`, /253/],
    // What the URL host parser cut short or decoded: once saved as evil.test, evil.test and a.b.c.
    ["evil.test\\acme.test", /not a valid domain name/],
    ["evil.test?x", /not a valid domain name/],
    ["a.b%2ec", /not a valid domain name/],
    // Its DKIM record, migo202611._domainkey.<domain>, would be past DNS's 253 characters.
    [`${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(43)}.test`, /at most 227 characters/],
  ])("refuses %j", (input, message) => {
    const result = normaliseDomainName(input);
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toMatch(message);
  });

  it("leaves room under a domain for the names the product publishes (ownership and DKIM)", () => {
    const longest = `${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(39)}.test`;
    expect(longest).toHaveLength(227);
    expect(normaliseDomainName(longest)).toEqual({ ok: true, name: longest });
    expect(`migo202611n99._domainkey.${longest}`.length).toBeLessThanOrEqual(253);
  });

  it("is the form schema's transform", () => {
    expect(ZDomainName.parse("BÜCHER.example")).toBe("xn--bcher-kva.example");
    expect(ZDomainName.safeParse("1.2.3.4").success).toBe(false);
  });
});

describe("DNS records", () => {
  const records = dnsRecordsFor({
    name: "example.com",
    verificationToken: "tok123",
    dkimKeys: [
      { selector: "migo202501", publicKey: "OLDKEY", status: "retired" },
      { selector: "migo202502", publicKey: "MIIBIjAN", status: "active" },
    ],
    spfHost: "relay.migosmtp.example",
  });

  it("lists ownership, the live DKIM keys, SPF and DMARC suggestions", () => {
    expect(records.map((r) => [r.purpose, r.type, r.name, r.value])).toEqual([
      ["ownership", "TXT", "_migosmtp.example.com", "migosmtp-verification=tok123"],
      ["dkim", "TXT", "migo202502._domainkey.example.com", "v=DKIM1; k=rsa; p=MIIBIjAN"],
      ["spf", "TXT", "example.com", "v=spf1 include:relay.migosmtp.example ~all"],
      ["dmarc", "TXT", "_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com"],
    ]);
    expect(records.filter((r) => r.required).map((r) => r.purpose)).toEqual(["ownership", "dkim"]);
  });

  it("reads p= back from a DKIM record however it is spaced", () => {
    expect(publicKeyOfDkimRecord(dkimRecordValue("AB+/="))).toBe("AB+/=");
    expect(publicKeyOfDkimRecord("v=DKIM1;k=rsa; p = AB CD ")).toBe("ABCD");
    expect(publicKeyOfDkimRecord("v=spf1 -all")).toBeNull();
  });

  it("names selectors by month, with a suffix when taken", () => {
    const now = new Date(Date.UTC(2026, 2, 15));
    expect(dkimSelector(now)).toBe("migo202603");
    expect(dkimSelector(now, ["migo202603"])).toBe("migo202603n2");
    expect(dkimSelector(now, ["migo202603", "migo202603n2"])).toBe("migo202603n3");
  });
});

describe("DNS lookups", () => {
  it("parses DNS_SERVERS, host:port allowed", () => {
    expect(parseDnsServers(" 127.0.0.1:5353, [::1]:53 ,9.9.9.9")).toEqual(["127.0.0.1:5353", "[::1]:53", "9.9.9.9"]);
    expect(parseDnsServers(undefined)).toEqual([]);
  });

  it.each([
    ["ENOTFOUND", "NXDOMAIN"],
    ["ENODATA", "NO_RECORDS"],
    ["ETIMEOUT", "TIMEOUT"],
    ["ESERVFAIL", "DNS_ERROR"],
    ["ECONNREFUSED", "DNS_ERROR"],
    ["EWHATEVER", "DNS_ERROR"],
  ])("classifies %s as %s", (code, kind) => {
    expect(classifyDnsError(Object.assign(new Error("x"), { code })).kind).toBe(kind);
  });
});

describe("check state", () => {
  const now = new Date("2026-03-01T00:00:00Z");
  const fail = { ok: false as const, reason: "TOKEN_MISSING" as const, message: "No TXT record" };
  const pending = { status: "pending", checkAttempts: 0, createdAt: now, verifiedAt: null };

  it("backs off 1 min doubling, capped at 6 h", () => {
    expect([1, 2, 3, 4].map((n) => backoff(n))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoff(50)).toBe(RETRY_MAX_MS);
  });

  it("keeps a pending domain pending on a background failure, failed on a manual one", () => {
    expect(nextState(pending, fail, now, false)).toMatchObject({ status: "pending", checkAttempts: 1, lastCheckError: "No TXT record" });
    expect(nextState(pending, fail, now, true)).toMatchObject({ status: "failed" });
  });

  it("stops background checks a week after the domain was added", () => {
    const old = { ...pending, createdAt: new Date(now.getTime() - 8 * 24 * 3600_000) };
    expect(nextState(old, fail, now, false).nextCheckAt).toBeNull();
  });

  it("keeps the first verification time across re-checks", () => {
    const verifiedAt = new Date("2026-01-01T00:00:00Z");
    expect(nextState({ status: "verified", checkAttempts: 0, createdAt: verifiedAt, verifiedAt }, { ok: true }, now, false).verifiedAt).toBe(verifiedAt);
  });
});
