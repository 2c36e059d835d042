// The network an address belongs to for the new-IP rule: its IPv4 /24 or its IPv6 /48
// (IPv4-mapped IPv6 counts as IPv4).
import net from "node:net";
import { ipv6Groups } from "../net/ipv6-groups";

/** The IPv4 prefix length new_ip compares by default: the exact address (IPv6: its /64). */
export const DEFAULT_V4_BITS = 32;

/**
 * The network of an address at `v4Bits` for IPv4 and twice that for IPv6 (32 → the exact IPv4
 * address and the IPv6 /64, a host's usual unit; 24 → /24 and /48): "203.0.113.7/32",
 * "203.0.113.0/24", "2001:db8:1::/48"; null for what is not an IP address.
 */
export function networkOf(address: string, v4Bits: number = DEFAULT_V4_BITS): string | null {
  const bits4 = Math.max(8, Math.min(32, Math.trunc(v4Bits)));
  const ip = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  const v4 = mapped ? mapped[1]! : ip;
  if (net.isIPv4(v4)) {
    const value = v4.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
    const masked = bits4 === 32 ? value : value - (value % 2 ** (32 - bits4));
    return `${[24, 16, 8, 0].map((shift) => Math.floor(masked / 2 ** shift) % 256).join(".")}/${bits4}`;
  }
  const groups = ipv6Groups(ip);
  if (!groups) return null;
  const bits6 = bits4 * 2;
  const kept = Math.ceil(bits6 / 16);
  const masked = groups.slice(0, kept).map((g, i) => (i < Math.floor(bits6 / 16) ? g : g & (0xffff << (16 - (bits6 % 16))) & 0xffff));
  return `${masked.map((g) => g.toString(16)).join(":")}${kept < 8 ? "::" : ""}/${bits6}`;
}

/**
 * A text prefix every stored address of the network starts with, for an indexed pre-filter
 * (the octets the prefix covers whole, "203.0.113." for a /24; the first group and its colon
 * for IPv6, since IPv6 text may be compressed). Candidates must still be compared with networkOf.
 */
export function textPrefixOf(network: string): string {
  const [address, bits] = network.split("/") as [string, string];
  if (!address.includes(":")) {
    const whole = Math.floor(Number(bits) / 8);
    return whole >= 4 ? address : address.split(".").slice(0, whole).map((o) => `${o}.`).join("");
  }
  return `${address.split(":")[0]}:`;
}
