import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./content-security-policy";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("content security policy of portal pages", () => {
  it("lets scripts run only with this response's nonce, never inline or eval in production", () => {
    const script = directives(contentSecurityPolicy("abc123"))!.get("script-src")!;
    expect(script).toContain("'nonce-abc123'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
  });

  it("forbids framing, plugins, <base> and forms that post elsewhere", () => {
    const d = directives(contentSecurityPolicy("n"));
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
  });

  it("allows no inline style but the one attribute React's streaming writes, display:none, by its hash", async () => {
    const style = directives(contentSecurityPolicy("n")).get("style-src")!;
    expect(style).not.toContain("'unsafe-inline'");
    const hashes = style.filter((s) => s.startsWith("'sha256-"));
    const { createHash } = await import("node:crypto");
    expect(hashes).toEqual([`'sha256-${createHash("sha256").update("display:none").digest("base64")}'`]);
  });

  it("allows eval only for the development server", () => {
    expect(directives(contentSecurityPolicy("n", { dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("uses a fresh, unguessable nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });

  it("adds HSTS when the portal's address is https, never on plain http", () => {
    expect(securityHeaders("https://portal.example.com")).toMatchObject({ "Strict-Transport-Security": "max-age=31536000", "X-Frame-Options": "DENY" });
    expect(securityHeaders("http://localhost:3000")).not.toHaveProperty("Strict-Transport-Security");
  });
});
