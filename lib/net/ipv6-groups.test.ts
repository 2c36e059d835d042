import { describe, expect, it } from "vitest";
import { ipv6Groups } from "./ipv6-groups";

describe("IPv6 groups", () => {
  it("expands compressed and IPv4-tailed IPv6 text into eight groups", () => {
    expect(ipv6Groups("fe80::1")).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups("64:ff9b::192.0.2.33")).toEqual([0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x221]);
    expect(ipv6Groups("::ffff:10.1.2.3")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a01, 0x0203]);
    expect(ipv6Groups("fe80::1%eth0")).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups("2001:db8:1:2:3:4:5:6")).toEqual([0x2001, 0xdb8, 1, 2, 3, 4, 5, 6]);
  });

  it("is null for what is not an IPv6 address", () => {
    expect(ipv6Groups("203.0.113.1")).toBeNull();
    expect(ipv6Groups("1".repeat(10_000))).toBeNull();
    expect(ipv6Groups("")).toBeNull();
  });
});
