import { describe, expect, it } from "vitest";
import { parseTrustedProxies } from "./cidr";
import { clientIp } from "./client-ip";

const NONE = parseTrustedProxies("");
const PROXIES = parseTrustedProxies("10.0.0.0/8, 192.168.1.1, 2001:db8:a::/48, ::1");

const ip = (peer: string | null, forwardedFor: string | string[] | null, trusted = PROXIES) => clientIp({ peer, forwardedFor }, trusted);

describe("client address of a request", () => {
  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(ip("203.0.113.9", "1.2.3.4", NONE)).toBe("203.0.113.9");
    expect(ip("203.0.113.9", "1.2.3.4, 10.0.0.1", NONE)).toBe("203.0.113.9");
    expect(ip("10.0.0.1", "1.2.3.4", NONE)).toBe("10.0.0.1");
  });

  it("is the socket peer when the peer is not a trusted proxy", () => {
    expect(ip("198.51.100.7", "1.2.3.4")).toBe("198.51.100.7");
  });

  it("is the right-most untrusted address behind trusted proxies, so a spoofed left part is ignored", () => {
    expect(ip("10.0.0.1", "1.2.3.4, 198.51.100.7")).toBe("198.51.100.7");
    expect(ip("10.0.0.1", "1.2.3.4, 198.51.100.7, 192.168.1.1, 10.9.9.9")).toBe("198.51.100.7");
    expect(ip("10.0.0.1", "198.51.100.7")).toBe("198.51.100.7");
  });

  it("reads repeated X-Forwarded-For headers as one chain, in order", () => {
    expect(ip("10.0.0.1", ["6.6.6.6", "198.51.100.7, 10.0.0.2"])).toBe("198.51.100.7");
  });

  it("understands IPv6 proxies and clients, with or without brackets and ports", () => {
    expect(ip("2001:db8:a::1", "2001:db8:ffff::5")).toBe("2001:db8:ffff::5");
    expect(ip("::1", "[2001:db8:ffff::5]:4711")).toBe("2001:db8:ffff::5");
    expect(ip("2001:db8:a::1", "6.6.6.6, 198.51.100.7:1234, 2001:db8:a::2")).toBe("198.51.100.7");
    expect(ip("2001:db8:b::1", "198.51.100.7")).toBe("2001:db8:b::1");
  });

  it("treats IPv4-mapped IPv6 addresses as the IPv4 address they carry", () => {
    expect(ip("::ffff:10.0.0.1", "198.51.100.7")).toBe("198.51.100.7");
    expect(ip("::ffff:203.0.113.9", "1.2.3.4", NONE)).toBe("203.0.113.9");
    expect(ip("10.0.0.1", "::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(ip("10.0.0.1", "6.6.6.6, ::ffff:10.1.2.3")).toBe("6.6.6.6");
  });

  it.each([
    ["garbage", "not-an-ip"],
    ["unknown", "unknown"],
    ["an empty entry", "198.51.100.7, "],
    ["an obfuscated id", "_hidden"],
    ["a leading zero", "010.0.0.1"],
    ["an overlong value", "1".repeat(5000)],
    ["a script", "<script>alert(1)</script>"],
  ])("stops at %s and answers the last hop it can vouch for", (_name, forwarded) => {
    expect(ip("10.0.0.1", forwarded)).toBe("10.0.0.1");
    expect(ip("10.0.0.1", `${forwarded}, 192.168.1.1`)).toBe("192.168.1.1");
  });

  it("is the left-most hop when every address in the chain is a trusted proxy", () => {
    expect(ip("10.0.0.1", "10.0.0.3, 10.0.0.2")).toBe("10.0.0.3");
  });

  it("is unknown without a usable peer address", () => {
    expect(ip(null, "1.2.3.4")).toBeNull();
    expect(ip("nonsense", "1.2.3.4")).toBeNull();
  });

  it("answers the peer when a trusted proxy sent no X-Forwarded-For", () => {
    expect(ip("10.0.0.1", null)).toBe("10.0.0.1");
    expect(ip("10.0.0.1", [])).toBe("10.0.0.1");
  });
});
