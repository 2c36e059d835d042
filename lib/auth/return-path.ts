// Where to send a user after sign-in: only a path of this portal, never another origin (no
// open redirect). The value is resolved the way a browser would (WHATWG URL against the
// portal's address) and what is *returned* is what gets checked: a normalised path such as
// "/.//evil" → "//evil" would otherwise turn protocol-relative. Anything else falls back.
export function safeReturnPath(candidate: string | null | undefined, portalUrl: string, fallback = "/"): string {
  if (!candidate || typeof candidate !== "string" || candidate.length > 2048) return fallback;
  // Raw control characters and whitespace are stripped by URL parsers in ways that differ
  // between them; a genuine return path never has any.
  if (/[\u0000-\u0020\u007f]/.test(candidate)) return fallback;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(portalUrl).origin;
    url = new URL(candidate, `${origin}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  // A path must start with exactly one slash: collapse any run of leading slashes/backslashes.
  const path = `${url.pathname.replace(/^[/\\]+/, "/")}${url.search}${url.hash}`;
  return isOwnPath(path, origin) ? path : fallback;
}

/** The result must itself read as a path of `origin`, however often it is resolved again. */
function isOwnPath(path: string, origin: string): boolean {
  if (!/^\/(?![/\\])/.test(path) || /[\u0000-\u0020\\]/.test(path)) return false;
  try {
    return new URL(path, `${origin}/`).origin === origin;
  } catch {
    return false;
  }
}

/** The step-up sign-in (a fresh IdP authentication) that returns to `back`, a path of this portal, afterwards. */
export function stepUpHref(back: string): string {
  return `/signin?stepUp=1&callbackUrl=${encodeURIComponent(back)}`;
}
