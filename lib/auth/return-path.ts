// Where to send a user after sign-in: only a relative path of this portal, never another
// origin (no open redirect). Anything else falls back to "/".
export function safeReturnPath(candidate: string | null | undefined, fallback = "/"): string {
  if (!candidate || typeof candidate !== "string" || candidate.length > 2048) return fallback;
  // Must start with exactly one slash: "//evil.test" and "/\evil.test" are protocol-relative.
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(candidate)) return fallback;
  try {
    const url = new URL(candidate, "http://portal.invalid");
    if (url.origin !== "http://portal.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
