import net from "node:net";

/** Eight 16-bit groups of an IPv6 address (a zone id dropped, an embedded IPv4 tail as two groups), or null when it is not one. */
export function ipv6Groups(address: string): number[] | null {
  if (net.isIPv6(address) === false) return null;
  let text = address.split("%")[0]!;
  // The embedded IPv4 tail ("::ffff:192.0.2.1") is what follows the last colon; found with
  // lastIndexOf, not a regular expression retried at every digit (quadratic on a long input).
  const colon = text.lastIndexOf(":");
  const tail = text.slice(colon + 1);
  if (tail.includes(".")) {
    const [a, b, c, d] = tail.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, colon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.includes("::") ? (text.split("::") as [string, string]) : [text, null];
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const fill = rest === null ? [] : new Array<string>(8 - left.length - right.length).fill("0");
  const groups = [...left, ...fill, ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** The dotted IPv4 address two 16-bit groups carry (the last two of ::ffff:a00:1 → 10.0.0.1). */
export function ipv4FromGroups(hi: number, lo: number): string {
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}
