import { describe, expect, it } from "vitest";
import { parseTrustedProxies } from "../net/cidr";
import { canonicalRedirect, requestHost } from "./canonical-host";

const PORTAL = "http://localhost:3000";
const get = (host: string | null, pathname = "/w/acme/smtp-accounts", search = "") => canonicalRedirect({ method: "GET", host, pathname, search }, PORTAL);

describe("one canonical portal address", () => {
  it("serves a request addressed to PORTAL_URL's host", () => {
    expect(get("localhost:3000")).toBeNull();
    expect(get("LOCALHOST:3000")).toBeNull();
  });

  it("sends a page asked for under another name to the same path and query at PORTAL_URL", () => {
    expect(get("127.0.0.1:3000", "/w/acme/domains", "?x=1")).toBe("http://localhost:3000/w/acme/domains?x=1");
    expect(get("[::1]:3000", "/signin", "?callbackUrl=%2Fw")).toBe("http://localhost:3000/signin?callbackUrl=%2Fw");
    expect(get("localhost:3001")).toBe("http://localhost:3000/w/acme/smtp-accounts");
    expect(get(null, "/")).toBe("http://localhost:3000/");
  });

  it("sends sign-in's own routes there too, so the state cookie and the callback share a host", () => {
    expect(get("127.0.0.1:3000", "/api/auth/signin/oidc")).toBe("http://localhost:3000/api/auth/signin/oidc");
  });

  it("keeps a path that looks protocol-relative on PORTAL_URL's origin", () => {
    const to = get("127.0.0.1:3000", "//evil.example/x")!;
    expect(new URL(to).origin).toBe("http://localhost:3000");
  });

  it("answers health checks on any address", () => {
    expect(get("127.0.0.1:3000", "/api/health")).toBeNull();
  });

  it("does not redirect writes (the Origin check refuses them instead)", () => {
    expect(canonicalRedirect({ method: "POST", host: "127.0.0.1:3000", pathname: "/w/acme/smtp-accounts", search: "" }, PORTAL)).toBeNull();
  });

  it("compares with the default port left out, as URLs do", () => {
    expect(canonicalRedirect({ method: "GET", host: "portal.example.com", pathname: "/", search: "" }, "https://portal.example.com")).toBeNull();
    expect(canonicalRedirect({ method: "GET", host: "portal.example.com:443", pathname: "/", search: "" }, "https://portal.example.com")).toBe("https://portal.example.com/");
  });
});

describe("the host a request was addressed to", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8");

  it("is the Host header from anyone but a trusted proxy", () => {
    expect(requestHost({ host: "127.0.0.1:3000", "x-forwarded-host": "localhost:3000" }, "203.0.113.9", trusted)).toBe("127.0.0.1:3000");
  });

  it("is X-Forwarded-Host from a trusted proxy (its first value)", () => {
    expect(requestHost({ host: "10.0.0.2:3000", "x-forwarded-host": "portal.example.com, other" }, "::ffff:10.0.0.1", trusted)).toBe("portal.example.com");
    expect(requestHost({ host: "portal.example.com" }, "10.0.0.1", trusted)).toBe("portal.example.com");
  });

  it("is unknown without a Host header", () => {
    expect(requestHost({}, "203.0.113.9", trusted)).toBeNull();
  });
});
