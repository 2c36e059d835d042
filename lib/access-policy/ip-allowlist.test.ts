import { describe, expect, it } from "vitest";
import { parseCidr } from "../net/cidr";
import { allowlistNarrows, ipAllowed, MAX_ALLOWLIST_ENTRIES, parseIpAllowlist } from "./ip-allowlist";

const value = (text: string) => {
  const parsed = parseIpAllowlist(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const error = (text: string) => {
  const parsed = parseIpAllowlist(text);
  return parsed.ok ? "ok" : parsed.message;
};

describe("parsing an IP allowlist", () => {
  it("stores each range canonically: host bits cleared, one spelling, sorted, without duplicates", () => {
    expect(value("10.1.2.3/8, 203.0.113.7\n10.0.0.0/8")).toBe("10.0.0.0/8\n203.0.113.7/32");
    expect(value("2001:DB8:0:0:1::/32 ::1")).toBe("::1/128\n2001:db8::/32");
  });
  it("puts IPv4 before IPv6", () => {
    expect(value("::1 127.0.0.1")).toBe("127.0.0.1/32\n::1/128");
  });
  it("reads an IPv4-mapped IPv6 address or range as the IPv4 one", () => {
    expect(value("::ffff:192.0.2.1")).toBe("192.0.2.1/32");
    expect(value("::ffff:10.0.0.0/104")).toBe("10.0.0.0/8");
    // Written in hex, as URL parsers and some tools print it: the same range, stored once.
    expect(value("::ffff:a00:0/104 10.0.0.0/8")).toBe("10.0.0.0/8");
    expect(value("::ffff:0:0/96")).toBe("0.0.0.0/0");
    expect(value("0:0:0:0:0:ffff:a00:0/104 0::ffff:a00:1/128")).toBe("10.0.0.0/8\n10.0.0.1/32");
  });
  it("keeps /0 (any address of the family) and clears every bit", () => {
    expect(value("1.2.3.4/0 ::1/0")).toBe("0.0.0.0/0\n::/0");
  });
  it("is null when empty, so the account accepts any address", () => {
    expect(value(" \n ")).toBeNull();
  });
  it.each([
    ["300.1.1.1", "is not an IPv4 or IPv6 address"],
    ["10.0.0.0/33", "prefix length beyond 32"],
    ["2001:db8::/129", "prefix length beyond 128"],
    ["10.0.0.0/8/9", 'more than one "/"'],
    ["10.0.0.0/x", "not a number"],
    ["::ffff:10.0.0.0/64", "its prefix length must be /96 to /128"],
    ["[::1]", "is not an IPv4 or IPv6 address"],
    ["10.0.0.1:25", "is not an IPv4 or IPv6 address"],
    ["fe80::1%eth0", "is not an IPv4 or IPv6 address"],
    ["example.com", "is not an IPv4 or IPv6 address"],
  ])("refuses %s and says what is wrong", (text, message) => {
    expect(error(text)).toContain(message);
  });
  it(`refuses more than ${MAX_ALLOWLIST_ENTRIES} ranges`, () => {
    expect(error(Array.from({ length: MAX_ALLOWLIST_ENTRIES + 1 }, (_, i) => `10.0.${i}.0/24`).join("\n"))).toContain(`at most ${MAX_ALLOWLIST_ENTRIES}`);
  });
  it("answers one range's parts", () => {
    expect(parseCidr("192.168.7.9/16")).toEqual({ address: "192.168.0.0", prefix: 16, family: "ipv4" });
  });
});

describe("matching a client address", () => {
  const list = value("127.0.0.1\n10.0.0.0/8\n2001:db8::/32")!;
  it("allows an address inside a range and refuses one outside", () => {
    expect(ipAllowed(list, "10.200.3.4")).toBe(true);
    expect(ipAllowed(list, "127.0.0.1")).toBe(true);
    expect(ipAllowed(list, "127.0.0.2")).toBe(false);
    expect(ipAllowed(list, "2001:db8:ffff::1")).toBe(true);
    expect(ipAllowed(list, "2001:db9::1")).toBe(false);
  });
  it("matches an IPv4-mapped IPv6 client address (a dual-stack socket's) against IPv4 ranges", () => {
    expect(ipAllowed(list, "::ffff:127.0.0.1")).toBe(true);
    expect(ipAllowed(list, "::ffff:127.0.0.2")).toBe(false);
  });
  it("never lets an IPv4 client in through an IPv6 range, however wide (::/0 is every IPv6 address, not every address)", () => {
    for (const range of ["::/0", "::/64", "::/80", "::/95"]) {
      const only = value(`203.0.113.0/24 ${range}`);
      expect(ipAllowed(only, "127.0.0.1"), range).toBe(false);
      expect(ipAllowed(only, "::ffff:127.0.0.1"), range).toBe(false);
      expect(ipAllowed(only, "203.0.113.9"), range).toBe(true);
    }
    expect(ipAllowed(value("::/0"), "2001:db8::1")).toBe(true);
  });
  it("allows any address without a list, and no garbage with one", () => {
    expect(ipAllowed(null, "198.51.100.1")).toBe(true);
    expect(ipAllowed(list, "not-an-ip")).toBe(false);
  });
});

describe("whether a change narrows the allowlist", () => {
  it("narrows when every new range sits inside an old one, or when a list replaces 'any'", () => {
    expect(allowlistNarrows("10.0.0.0/8", "10.1.0.0/16\n10.2.3.4/32")).toBe(true);
    expect(allowlistNarrows(null, "10.0.0.0/8")).toBe(true);
    expect(allowlistNarrows("10.0.0.0/8", "10.0.0.0/8")).toBe(true);
  });
  it("widens when a range reaches outside, changes family, or the list is removed", () => {
    expect(allowlistNarrows("10.0.0.0/16", "10.0.0.0/8")).toBe(false);
    expect(allowlistNarrows("10.0.0.0/8", "11.0.0.0/8")).toBe(false);
    expect(allowlistNarrows("10.0.0.0/8", "::/0")).toBe(false);
    expect(allowlistNarrows("10.0.0.0/8", null)).toBe(false);
  });
});
