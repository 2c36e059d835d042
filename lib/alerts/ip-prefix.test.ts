import { describe, expect, it } from "vitest";
import { networkOf, textPrefixOf } from "./ip-prefix";

describe("the network of an address for the new-IP rule", () => {
  it("is the exact IPv4 address by default, so 127.0.0.2 is new after 127.0.0.1", () => {
    expect(networkOf("203.0.113.77")).toBe("203.0.113.77/32");
    expect(networkOf("127.0.0.2")).not.toBe(networkOf("127.0.0.1"));
  });

  it("is the /24 of an IPv4 address when the workspace compares by /24", () => {
    expect(networkOf("203.0.113.77", 24)).toBe("203.0.113.0/24");
    expect(networkOf("127.0.0.2", 24)).toBe(networkOf("127.0.0.1", 24));
    expect(networkOf("198.51.100.7", 24)).not.toBe(networkOf("198.51.101.7", 24));
    expect(networkOf("198.51.100.7", 20)).toBe("198.51.96.0/20");
  });

  it("treats an IPv4-mapped IPv6 address as IPv4", () => {
    expect(networkOf("::ffff:203.0.113.9", 24)).toBe("203.0.113.0/24");
  });

  it("is the /64 of an IPv6 address by default and the /48 with /24, however it is written", () => {
    expect(networkOf("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8:1:2::1")).toBe(networkOf("2001:db8:1:2:aaaa::9"));
    expect(networkOf("2001:db8:1::1", 24)).toBe("2001:db8:1::/48");
    expect(networkOf("2001:0db8:0001:ffff:0:0:0:9", 24)).toBe("2001:db8:1::/48");
    expect(networkOf("2001:db8::1", 24)).toBe("2001:db8:0::/48");
    expect(networkOf("2001:db8:2::1", 24)).not.toBe(networkOf("2001:db8:1::1", 24));
    expect(networkOf("::1", 24)).toBe("0:0:0::/48");
  });

  it("is nothing for what is not an address", () => {
    expect(networkOf("not-an-ip")).toBeNull();
    expect(networkOf("")).toBeNull();
  });

  it("gives a text prefix every address of the network starts with", () => {
    expect(textPrefixOf("203.0.113.0/24")).toBe("203.0.113.");
    expect(textPrefixOf("198.51.96.0/20")).toBe("198.51.");
    expect(textPrefixOf("203.0.113.7/32")).toBe("203.0.113.7");
    expect("203.0.113.250".startsWith(textPrefixOf(networkOf("203.0.113.250", 24)!))).toBe(true);
    expect("203.0.113.250".startsWith(textPrefixOf(networkOf("203.0.113.250")!))).toBe(true);
    expect(textPrefixOf("2001:db8:1::/48")).toBe("2001:");
  });
});
