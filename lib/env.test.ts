import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, SETTING_NAMES } from "./env";
import { ROOT } from "./root";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-env-"));
const base = {
  DATA_DIR: dataDir,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  CREDENTIALS_KEYS: `k1:${randomBytes(32).toString("base64")}`,
  VERIFIER_KEY: randomBytes(32).toString("base64"),
  DEMO_OIDC_CLIENT_SECRET: "client-secret",
  IDP_COOKIE_KEYS: "a,b",
};

function errorFor(extra: Record<string, string>): string {
  try {
    parseEnv({ ...base, ...extra });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("caps relay connections and bounds each command line and DATA phase by default", () => {
    const env = parseEnv(base);
    expect([env.RELAY_MAX_CONNECTIONS, env.RELAY_MAX_CONNECTIONS_PER_IP, env.RELAY_MAX_UNAUTHENTICATED]).toEqual([1000, 50, 300]);
    expect([env.RELAY_COMMAND_DEADLINE_MS, env.RELAY_DATA_DEADLINE_MS, env.RELAY_AUTH_DEADLINE_MS]).toEqual([30_000, 600_000, 60_000]);
    expect(errorFor({ RELAY_MAX_CONNECTIONS_PER_IP: "0" })).toContain("RELAY_MAX_CONNECTIONS_PER_IP");
  });

  it("applies the documented defaults and demo mode when no issuer is set", () => {
    const env = parseEnv(base);
    expect(env.PORT).toBe(3000);
    expect(env.RELAY_PORT).toBe(2587);
    expect(env.SMTP_PUBLIC_PORT).toBe(2587);
    expect(env.SMTPS_PUBLIC_PORT).toBe(2465);
    expect(env.DEMO_MODE).toBe(true);
    expect(env.OIDC_ISSUER).toBe("http://localhost:3001");
    expect(env.PORTAL_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_PROVIDER).toBe("sqlite");
  });

  it("reads generated secrets from the data directory", () => {
    fs.writeFileSync(path.join(dataDir, "secrets.env"), `VERIFIER_KEY=${randomBytes(32).toString("base64")}\n`);
    const { VERIFIER_KEY: _omit, ...rest } = base;
    expect(() => parseEnv(rest)).not.toThrow();
    fs.rmSync(path.join(dataDir, "secrets.env"));
  });

  it("names the variable and the value when a port is not a number", () => {
    expect(errorFor({ PORT: "eighty" })).toMatch(/^Configuration error: PORT .*\(got "eighty"\)\.$/);
  });

  it("hides secret values in its message", () => {
    const message = errorFor({ VERIFIER_KEY: "short-secret" });
    expect(message).toContain("VERIFIER_KEY must be 32 bytes, base64-encoded");
    expect(message).not.toContain("short-secret");
  });

  it("rejects a malformed CREDENTIALS_KEYS entry", () => {
    expect(errorFor({ CREDENTIALS_KEYS: "k1:notbase64!!" })).toContain("CREDENTIALS_KEYS");
  });

  it("chooses PostgreSQL for a postgresql:// URL", () => {
    expect(parseEnv({ ...base, DATABASE_URL: "postgresql://root@127.0.0.1:5432/test" }).DATABASE_PROVIDER).toBe("postgresql");
  });

  it("requires client credentials when a real issuer is configured", () => {
    expect(errorFor({ OIDC_ISSUER: "https://sso.example.com" })).toContain("OIDC_CLIENT_ID");
  });

  it("refuses to listen beyond loopback in demo mode", () => {
    expect(errorFor({ HOST: "0.0.0.0" })).toContain("HOST binds beyond loopback");
  });

  it("trusts no proxy by default and reads TRUSTED_PROXIES as IPv4 and IPv6 ranges", () => {
    expect(parseEnv(base).TRUSTED_PROXIES.entries).toEqual([]);
    expect(parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).TRUSTED_PROXIES.entries).toEqual(["10.0.0.0/8", "::1"]);
  });

  it("names TRUSTED_PROXIES and the bad entry on one line", () => {
    const message = errorFor({ TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" });
    expect(message).toMatch(/^Configuration error: TRUSTED_PROXIES has an entry that is not an IP address or CIDR range: "proxy.internal"/);
    expect(message).not.toContain("\n");
  });
});

describe(".env.example", () => {
  it("documents every setting the product reads", () => {
    const example = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8");
    // NODE_ENV is the runtime's own; next-auth derives NEXTAUTH_URL from PORTAL_URL.
    const undocumented = SETTING_NAMES.filter((name) => !["NODE_ENV", "NEXTAUTH_URL"].includes(name) && !new RegExp(`^#?\\s*${name}=`, "m").test(example));
    expect(undocumented).toEqual([]);
  });
});
