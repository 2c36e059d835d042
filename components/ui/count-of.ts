/** "1 message", "2 messages", "10,003 SMTP accounts": a count with its noun, thousands separated. */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
