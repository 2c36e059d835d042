// The configuration contract (.env.example documents each): every setting of portal, relay and
// IdP, parsed once.
// A bad value stops start-up with one line naming the variable (ConfigError).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readSecretsFile } from "./config/secrets-file";
import { parseTrustedProxies } from "./net/cidr";

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Configuration error: ${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
const base64Key = z.string().refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32, {
  message: "must be 32 bytes, base64-encoded",
});

/** `kid:base64key,…` — the first key encrypts, every key decrypts. */
const credentialKeys = z
  .string()
  .transform((value, ctx) => {
    const keys = value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry) => {
        const i = entry.indexOf(":");
        return { id: entry.slice(0, i), key: entry.slice(i + 1) };
      });
    if (keys.length === 0) ctx.addIssue({ code: "custom", message: "must list at least one kid:base64key" });
    for (const k of keys) {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(k.id))
        ctx.addIssue({ code: "custom", message: `has a key without a valid id (expected kid:base64key, kid of [A-Za-z0-9_-])` });
      else if (!base64Key.safeParse(k.key).success)
        ctx.addIssue({ code: "custom", message: `key "${k.id}" must be 32 bytes, base64-encoded` });
    }
    if (new Set(keys.map((k) => k.id)).size !== keys.length) ctx.addIssue({ code: "custom", message: "has duplicate key ids" });
    return keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, "base64") }));
  });

const databaseUrl = z.string().refine((v) => /^(file:.+|postgres(ql)?:\/\/.+)$/.test(v), {
  message: "must be file:<path> (SQLite) or postgresql://user@host:port/db",
});

const existingFile = z.string().refine((p) => fs.existsSync(p) && fs.statSync(p).isFile(), {
  message: "names a file that does not exist",
});

const url = z.string().url();

/** CIDR ranges / addresses of reverse proxies whose X-Forwarded-For is believed (default: none). */
const trustedProxies = z
  .string()
  .default("")
  .transform((value, ctx) => {
    try {
      return parseTrustedProxies(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

/** Raw schema: names exactly as in the environment. Defaults here; derived values below. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  HOST: z.string().default("127.0.0.1"),
  PORT: port.default(3000),
  PORTAL_URL: url.optional(),
  TRUSTED_PROXIES: trustedProxies,
  // Before saying ready, the portal requests each of its routes this many times (scripts/portal-warm-up.ts).
  PORTAL_WARM_UP: bool.default(true),
  PORTAL_WARM_UP_ROUNDS: z.coerce.number().int().min(1).max(20).default(5),

  DATABASE_URL: databaseUrl.default("file:./data/migosmtp.db"),

  DEMO_MODE: bool.optional(),
  DEV_IDP_PASSWORD: z.string().min(8).default("rackwave-demo"),
  IDP_PORT: port.default(3001),
  IDP_COOKIE_KEYS: optionalString,
  // Demo IdP password guessing: failures per email and per client address within the window (seconds).
  IDP_MAX_FAILURES_PER_EMAIL: positiveInt.default(5),
  IDP_MAX_FAILURES_PER_IP: positiveInt.default(30),
  IDP_FAILURE_WINDOW: positiveInt.default(15 * 60),

  OIDC_ISSUER: url.optional(),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_DISPLAY_NAME: z.string().default("Rackwave SSO"),
  DEMO_OIDC_CLIENT_SECRET: optionalString,

  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  SESSION_MAX_AGE: positiveInt.default(8 * 3600),
  SESSION_IDLE_TIMEOUT: positiveInt.default(3600),
  STEP_UP_MAX_AGE: positiveInt.default(600),

  CREDENTIALS_KEYS: credentialKeys,
  VERIFIER_KEY: base64Key,

  RELAY_HOST: z.string().default("127.0.0.1"),
  RELAY_PORT: port.default(2587),
  RELAY_TLS_PORT: port.default(2465),
  RELAY_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9465),
  RELAY_TLS_CERT: existingFile.optional(),
  RELAY_TLS_KEY: existingFile.optional(),
  RELAY_UPSTREAM_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/.+/.test(v), { message: "must be smtp://host:port or smtps://host:port" })
    .optional(),
  RELAY_MAX_MESSAGE_BYTES: positiveInt.default(10 * 1024 * 1024),
  RELAY_MAX_RECIPIENTS: positiveInt.default(100),
  RELAY_MAX_QUEUE_AGE: positiveInt.default(5 * 24 * 3600),
  RELAY_SOCKET_TIMEOUT_MS: positiveInt.default(60_000),
  // Connection limits (relay/connection-limits.ts): caps answered 421 4.7.0, absolute deadlines
  // that a client trickling bytes cannot stretch the way it stretches the idle timeout.
  RELAY_MAX_CONNECTIONS: positiveInt.default(1000),
  RELAY_MAX_CONNECTIONS_PER_IP: positiveInt.default(50),
  RELAY_MAX_UNAUTHENTICATED: positiveInt.default(300),
  RELAY_COMMAND_DEADLINE_MS: positiveInt.default(30_000),
  RELAY_AUTH_DEADLINE_MS: positiveInt.default(60_000),
  RELAY_DATA_DEADLINE_MS: positiveInt.default(600_000),
  RELAY_REVERSE_DNS: bool.default(false),
  RELAY_INSTANCE_ID: optionalString,

  SMTP_PUBLIC_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, "must be a host name")
    .default("localhost"),
  SMTP_PUBLIC_PORT: port.optional(),
  SMTPS_PUBLIC_PORT: port.optional(),

  AUTH_MAX_FAILURES: positiveInt.default(5),
  AUTH_FAILURE_WINDOW: positiveInt.default(15 * 60),
  AUTH_LOCKOUT: positiveInt.default(15 * 60),
  AUTH_IP_MAX_FAILURES: positiveInt.default(50),

  REVEAL_TTL: positiveInt.default(60),
  REVEAL_RATE_LIMIT: positiveInt.default(30),
  RESET_RATE_LIMIT: positiveInt.default(10),
  SMTP_TEST_TIMEOUT_MS: positiveInt.default(10_000),
  SMTP_TEST_RATE_LIMIT: positiveInt.default(20),

  SUPPORT_EMAIL: z.string().email().default("support@rackwave.test"),
  DNS_SERVERS: optionalString,
  MESSAGE_RETENTION_DAYS: positiveInt.default(30),
  AUDIT_RETENTION_DAYS: positiveInt.default(365),
  /** How often the relay's alert evaluator reads new login events and messages (lib/alerts/). */
  ALERTS_POLL_MS: positiveInt.default(1_500),

  // Webhooks (lib/webhooks/): private, loopback and link-local targets are refused unless this is
  // true (default: on in demo mode, off otherwise); the relay's tailer/dispatcher poll interval,
  // each POST's timeout, and the first retry delay (the whole 24-hour schedule scales with it).
  WEBHOOK_ALLOW_PRIVATE: bool.optional(),
  WEBHOOK_POLL_MS: positiveInt.default(1000),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  WEBHOOK_RETRY_BASE_MS: positiveInt.default(5000),
  /** How long the oldest message or attempt event may wait while the relay's main thread is busy (0: never). */
  WEBHOOK_MAX_HOLD_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});

export type RawEnv = z.infer<typeof schema>;

/** Every variable the product reads (plus next-auth's own two), for callers that must not inherit them. */
export const SETTING_NAMES: readonly string[] = [...Object.keys(schema.shape), "NEXTAUTH_URL"];

/**
 * The caller's environment without any product setting: the test harness and the fresh-clone
 * test start the stack from this, so a shell that exported a production `.env` (SMTP_PUBLIC_PORT,
 * PORT, DATABASE_URL…) cannot steer the processes under test.
 */
export function withoutSettings(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const names = new Set(SETTING_NAMES);
  return Object.fromEntries(Object.entries(source).filter(([name]) => !names.has(name))) as NodeJS.ProcessEnv;
}

export type Env = Omit<RawEnv, "DEMO_MODE" | "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "PORTAL_URL" | "WEBHOOK_ALLOW_PRIVATE"> & {
  DEMO_MODE: boolean;
  WEBHOOK_ALLOW_PRIVATE: boolean;
  PORTAL_URL: string;
  OIDC_ISSUER: string;
  OIDC_CLIENT_ID: string;
  OIDC_CLIENT_SECRET: string;
  SMTP_PUBLIC_PORT: number;
  SMTPS_PUBLIC_PORT: number;
  DATA_DIR: string;
  DATABASE_PROVIDER: "sqlite" | "postgresql";
  /** Absolute path of the SQLite file (sqlite only). */
  SQLITE_PATH: string | undefined;
  RELAY_TLS_CERT: string;
  RELAY_TLS_KEY: string;
};

/** The demo IdP's fixed client id; its secret is generated into data/. */
export const DEMO_OIDC_CLIENT_ID = "migosmtp-portal";

/**
 * Parse a set of variables (process.env merged under the generated secrets of DATA_DIR).
 * Throws ConfigError naming the first bad variable.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ source.DATA_DIR || "./data");
  const merged: Record<string, string | undefined> = { ...readSecretsFile(dataDir), ...stripEmpty(source) };
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const got = merged[name];
    const isSecret = /KEY|SECRET|PASSWORD/.test(name);
    const shown = got === undefined ? "it is not set" : isSecret ? "value hidden" : `got "${truncate(got)}"`;
    throw new ConfigError(name, `${issue.message.replace(/^Invalid input: /, "")} (${shown}).`);
  }
  const raw = result.data;

  const demo = raw.DEMO_MODE ?? !raw.OIDC_ISSUER;
  if (!demo && !raw.OIDC_ISSUER) throw new ConfigError("OIDC_ISSUER", "must be set when DEMO_MODE is off.");
  if (!demo && !raw.OIDC_CLIENT_ID) throw new ConfigError("OIDC_CLIENT_ID", "must be set when OIDC_ISSUER is set.");
  if (!demo && !raw.OIDC_CLIENT_SECRET) throw new ConfigError("OIDC_CLIENT_SECRET", "must be set when OIDC_ISSUER is set.");
  if (demo && !raw.DEMO_OIDC_CLIENT_SECRET && !raw.OIDC_CLIENT_SECRET)
    throw new ConfigError("DEMO_OIDC_CLIENT_SECRET", "is missing: run `npm start` once to generate secrets into DATA_DIR.");
  if (demo && !raw.IDP_COOKIE_KEYS)
    throw new ConfigError("IDP_COOKIE_KEYS", "is missing: run `npm start` once to generate secrets into DATA_DIR.");
  if (Boolean(raw.RELAY_TLS_CERT) !== Boolean(raw.RELAY_TLS_KEY))
    throw new ConfigError(raw.RELAY_TLS_CERT ? "RELAY_TLS_KEY" : "RELAY_TLS_CERT", "must be set together with its pair (certificate and key).");

  if (demo) {
    for (const [name, host] of [
      ["HOST", raw.HOST],
      ["RELAY_HOST", raw.RELAY_HOST],
    ] as const) {
      if (!isLoopback(host)) throw new ConfigError(name, `binds beyond loopback (${host}); demo mode listens on loopback only — set OIDC_ISSUER to leave demo mode.`);
    }
  }

  const provider = raw.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";
  const portalUrl = withoutTrailingSlashes(raw.PORTAL_URL ?? `http://localhost:${raw.PORT}`);
  return {
    ...raw,
    DATA_DIR: dataDir,
    DEMO_MODE: demo,
    WEBHOOK_ALLOW_PRIVATE: raw.WEBHOOK_ALLOW_PRIVATE ?? demo,
    PORTAL_URL: portalUrl,
    OIDC_ISSUER: withoutTrailingSlashes(raw.OIDC_ISSUER ?? `http://localhost:${raw.IDP_PORT}`),
    OIDC_CLIENT_ID: raw.OIDC_CLIENT_ID ?? DEMO_OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: raw.OIDC_CLIENT_SECRET ?? raw.DEMO_OIDC_CLIENT_SECRET!,
    SMTP_PUBLIC_PORT: raw.SMTP_PUBLIC_PORT ?? raw.RELAY_PORT,
    SMTPS_PUBLIC_PORT: raw.SMTPS_PUBLIC_PORT ?? raw.RELAY_TLS_PORT,
    DATABASE_PROVIDER: provider,
    SQLITE_PATH: provider === "sqlite" ? path.resolve(raw.DATABASE_URL.slice("file:".length)) : undefined,
    RELAY_TLS_CERT: raw.RELAY_TLS_CERT ?? path.join(dataDir, "tls", "relay.crt"),
    RELAY_TLS_KEY: raw.RELAY_TLS_KEY ?? path.join(dataDir, "tls", "relay.key"),
  };
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use (not at import: `next build` has no secrets). */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

function stripEmpty(source: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

function truncate(v: string): string {
  return v.length > 60 ? `${v.slice(0, 57)}...` : v;
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === "/") end--;
  return url.slice(0, end);
}
