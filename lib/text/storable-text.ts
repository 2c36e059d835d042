/**
 * Text from a client as both databases store it: PostgreSQL's text cannot hold U+0000 (the
 * insert fails), so it becomes U+FFFD, the replacement character, on SQLite too.
 */
export function storableText(text: string): string {
  return text.includes("\0") ? text.replaceAll("\0", "\uFFFD") : text;
}

/** What an input with a NUL is told, after the field's name. */
export const NUL_REFUSED = "contains a NUL character; remove it and try again";

/**
 * Where in a parsed input (JSON: objects, arrays, strings) the first string with a NUL is, as a
 * dotted path ("" for the input itself), or null: such input is refused before any rule reads it.
 */
export function nulPath(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\0") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      const found = nulPath(inner, path ? `${path}.${key}` : key) ?? (key.includes("\0") ? key : null);
      if (found !== null) return found;
    }
  }
  return null;
}
