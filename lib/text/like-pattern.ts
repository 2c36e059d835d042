// Prisma turns `contains`, `startsWith` and `endsWith` into LIKE and passes the text through as
// it is (prisma/prisma#19506), so a search for "50%" also found "50 percent" and "order_mails"
// found "orderXmails". Every such filter escapes its text here, with a backslash: PostgreSQL's
// LIKE escape character, and the one SQLite's connections are given (lib/sqlite-like.ts).

/** `text` as a LIKE pattern that matches exactly these characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** One token of a LIKE pattern between two `%`: a character, or `_` (any one character). */
type Token = string | typeof ANY_ONE;
const ANY_ONE = Symbol("_");

/** The pattern cut at each unescaped `%`, lower-cased, as code points. */
function parts(pattern: string): Token[][] {
  const out: Token[][] = [[]];
  const chars = Array.from(pattern.toLowerCase());
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "%") out.push([]);
    else out.at(-1)!.push(c === "_" ? ANY_ONE : c === "\\" && i + 1 < chars.length ? chars[++i]! : c);
  }
  return out;
}

const fitsAt = (value: string[], at: number, part: Token[]) => part.every((t, k) => t === ANY_ONE || value[at + k] === t);

/**
 * Whether `value` matches the LIKE `pattern`, ignoring case, with `\` escaping the next
 * character. Linear in the value for each part: no backtracking however the pattern is made.
 */
export function likeMatches(pattern: string, value: string): boolean {
  const ps = parts(pattern);
  const v = Array.from(value.toLowerCase());
  const first = ps[0]!;
  if (ps.length === 1) return v.length === first.length && fitsAt(v, 0, first);
  const last = ps.at(-1)!;
  const end = v.length - last.length;
  if (end < first.length || !fitsAt(v, 0, first) || !fitsAt(v, end, last)) return false;
  // Between a `%` and the next, the leftmost fit leaves the most room for the rest.
  let pos = first.length;
  for (const part of ps.slice(1, -1)) {
    let at = pos;
    while (at + part.length <= end && !fitsAt(v, at, part)) at++;
    if (at + part.length > end) return false;
    pos = at + part.length;
  }
  return true;
}
