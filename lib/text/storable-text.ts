/**
 * Text from a client as both databases store it: PostgreSQL's text cannot hold U+0000 (the
 * insert fails), so it becomes U+FFFD, the replacement character, on SQLite too.
 */
export function storableText(text: string): string {
  return text.includes("\0") ? text.replaceAll("\0", "\uFFFD") : text;
}
