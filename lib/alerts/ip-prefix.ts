// The network an address belongs to for the new-IP rule: its IPv4 /24 or its IPv6 /48
// (IPv4-mapped IPv6 counts as IPv4).
import net from "node:net";

/** Eight 16-bit groups of an IPv6 address, or null when it is not one. */
export function ipv6Groups(address: string): number[] | null {
  if (net.isIPv6(address) === false) return null;
  let text = address.split("%")[0]!;
  // An embedded IPv4 tail becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? (text.split("::") as [string, string]) : [text, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === null ? [] : new Array<string>(8 - left.length - right.length).fill("0");
  const groups = [...left, ...fill, ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** "203.0.113.0/24" or "2001:db8:1::/48"; null for what is not an IP address. */
export function networkOf(address: string): string | null {
  const ip = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  const v4 = mapped ? mapped[1]! : ip;
  if (net.isIPv4(v4)) return `${v4.split(".").slice(0, 3).join(".")}.0/24`;
  const groups = ipv6Groups(ip);
  if (!groups) return null;
  return `${groups
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(":")}::/48`;
}

/**
 * A text prefix every stored address of the network starts with, for an indexed pre-filter
 * ("203.0.113." for a /24; the first group and its colon for a /48, since IPv6 text may be
 * compressed). Candidates must still be compared with networkOf.
 */
export function textPrefixOf(network: string): string {
  if (network.endsWith("/24")) return network.slice(0, -"0/24".length);
  return `${network.split(":")[0]}:`;
}
