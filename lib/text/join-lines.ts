/**
 * Text on one line: each line trimmed, blank lines dropped, the rest joined by one space (what
 * `/\s*\n\s*\/g` did, without its quadratic time on a long run of spaces: a reply or an error
 * message can come from a stranger's server).
 */
export function joinLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}
