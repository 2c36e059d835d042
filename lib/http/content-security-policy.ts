// The portal's browser hardening headers. Scripts run only with the per-response nonce (Next.js
// puts it on its own scripts when it finds it in the request's CSP header), so an injected
// <script> does not run; no framing, no plugins, no <base> rewriting, forms post only here.
/** sha256 of "display:none", the only inline style attribute React's streaming writes. */
export const REACT_HIDDEN_SVG_SEGMENT = "sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE=";

export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script (Next's chunks) are trusted too.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // One style attribute is allowed by its hash: React's streaming renderer hides an SVG segment
    // that arrives late (a long accounts table) in <svg style="display:none">, nothing else.
    `style-src 'self' 'nonce-${nonce}' 'unsafe-hashes' '${REACT_HIDDEN_SVG_SEGMENT}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sent with every portal response, beside the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};

/**
 * SECURITY_HEADERS, and HSTS when the portal's public address is https: a browser that has seen
 * it never again sends the session cookie, or a revealed password, over plain http on this host
 * (a year; not includeSubDomains, which would bind every sibling host of the portal's domain).
 */
export function securityHeaders(portalUrl: string): Readonly<Record<string, string>> {
  return portalUrl.startsWith("https:") ? { ...SECURITY_HEADERS, "Strict-Transport-Security": "max-age=31536000" } : SECURITY_HEADERS;
}

/** 128 random bits, base64: a fresh one for every response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
