import { describe, expect, it } from "vitest";
import { isTrusted, normaliseIp, parseTrustedProxies } from "./cidr";

describe("trusted proxy ranges", () => {
  it("match IPv4 and IPv6 ranges and single addresses", () => {
    const t = parseTrustedProxies("10.0.0.0/8,192.168.1.1  2001:db8::/32");
    expect(isTrusted(t, "10.255.0.1")).toBe(true);
    expect(isTrusted(t, "11.0.0.1")).toBe(false);
    expect(isTrusted(t, "192.168.1.1")).toBe(true);
    expect(isTrusted(t, "192.168.1.2")).toBe(false);
    expect(isTrusted(t, "2001:db8:1::9")).toBe(true);
    expect(isTrusted(t, "2001:db9::1")).toBe(false);
  });

  it("never trust an IPv4 peer through an IPv6 range, however wide", () => {
    const t = parseTrustedProxies("::/0");
    expect(isTrusted(t, "2001:db8::1")).toBe(true);
    expect(isTrusted(t, "127.0.0.1")).toBe(false);
    expect(isTrusted(t, "203.0.113.9")).toBe(false);
  });

  it("read an IPv4-mapped range, however written, as the IPv4 range it maps", () => {
    for (const entry of ["::ffff:10.0.0.0/104", "::ffff:a00:0/104", "0:0:0:0:0:ffff:a00:0/104"]) {
      const t = parseTrustedProxies(entry);
      expect(isTrusted(t, "10.1.2.3"), entry).toBe(true);
      expect(isTrusted(t, "11.0.0.1"), entry).toBe(false);
    }
    expect(isTrusted(parseTrustedProxies("::ffff:0:0/96"), "203.0.113.9")).toBe(true);
    expect(() => parseTrustedProxies("::ffff:a00:0/95")).toThrow(/not an IP address or CIDR range/);
  });

  it("trust nothing when empty", () => {
    expect(isTrusted(parseTrustedProxies(""), "127.0.0.1")).toBe(false);
    expect(isTrusted(parseTrustedProxies(undefined), "::1")).toBe(false);
  });

  it.each(["10.0.0.0/33", "::/129", "10.0.0.0/8/8", "proxy.internal", "10.0.0.0/x", "300.1.1.1", "10.0.0.0/", "[::1]:443", "1.2.3.4:8080", "fe80::1%eth0", "[2001:db8::1]"])("refuse %j (a port, zone id or brackets would be dropped, widening the rule)", (bad) => {
    expect(() => parseTrustedProxies(bad)).toThrow(/not an IP address or CIDR range/);
  });
});

describe("an address in its one spelling", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    [" 1.2.3.4 ", "1.2.3.4"],
    ["1.2.3.4:8080", "1.2.3.4"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["[::1]", "::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:10.1.2.3", "10.1.2.3"],
    // The same mapped address in hex, as URL parsers and some proxies write it.
    ["::ffff:7f00:1", "127.0.0.1"],
    ["0:0:0:0:0:FFFF:A00:1", "10.0.0.1"],
    ["::ffff:0:7f00:1", "::ffff:0:7f00:1"],
  ])("reads %j as %j", (input, expected) => {
    expect(normaliseIp(input)).toBe(expected);
  });

  it.each(["", "unknown", "_secret", "1.2.3", "01.2.3.4", "1.2.3.4.5", "example.com", "[1.2.3.4", "::ffff:999.1.1.1"])("rejects %j", (input) => {
    expect(normaliseIp(input)).toBeNull();
  });
});
