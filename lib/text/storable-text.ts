/**
 * Text from a client as both databases store it: PostgreSQL's text cannot hold U+0000 (the
 * insert fails), and half of a UTF-16 pair is no character (SQLite kept its bytes as invalid
 * UTF-8); each becomes U+FFFD, the replacement character, on both.
 */
export function storableText(text: string): string {
  return text.includes("\0") || LONE_SURROGATE.test(text) ? text.replace(NOT_STORABLE, "\uFFFD") : text;
}

/** Half of a UTF-16 pair without its other half (with the u flag, a whole pair is one code point and does not match). */
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const NOT_STORABLE = new RegExp(`\\0|${LONE_SURROGATE.source}`, "gu");

/** What an input with a NUL is told, after the field's name. */
export const NUL_REFUSED = "contains a NUL character; remove it and try again";

/**
 * Where in a parsed input (JSON: objects, arrays, strings) the first string with a NUL is, as a
 * dotted path ("" for the input itself), or null: such input is refused before any rule reads it.
 * Walked with a stack of its own, not by recursion: a 10 KB body of nested arrays is 5,000 levels
 * deep, past the call stack.
 */
export function nulPath(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\0")) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: at(path, String(i)) });
    } else if (typeof v === "object" && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i]!;
        // A key with a NUL is named after anything inside its value, as a depth-first walk meets them.
        if (key.includes("\0")) stack.push({ value: "\0", path: key });
        stack.push({ value: inner, path: at(path, key) });
      }
    }
  }
  return null;
}

/** How deeply a parsed JSON value nests (a string or number: 0; `[]` or `{}`: 1), counted without recursion, stopping past `limit`. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const inner of Array.isArray(v) ? v : Object.values(v)) stack.push({ value: inner, depth: depth + 1 });
  }
  return deepest;
}
