// The shape of a staged SMTP check: what the portal's "Test connection" and `npm run smtp:check`
// both show. Plain data (JSON-safe), so a server action can hand it to the browser as is.

export type TlsMode = "starttls" | "implicit";

export type StepName = "connect" | "banner" | "ehlo" | "tls" | "auth" | "mail_from" | "rset" | "quit";

export type FailureKind =
  | "refused"
  | "timeout"
  | "dns_failure"
  | "unreachable"
  | "connection_closed"
  | "certificate_untrusted"
  | "certificate_expired"
  | "certificate_wrong_host"
  | "tls_failed"
  | "tls_required"
  | "bad_credentials"
  | "account_disabled"
  | "locked_out"
  | "from_not_allowed"
  | "unexpected_reply"
  | "unknown";

/** A plain diagnosis: what happened, and what to do about it. */
export type Failure = { kind: FailureKind; explanation: string; action: string };

export type TlsInfo = {
  protocol: string | null;
  cipher: string | null;
  subject: string | null;
  issuer: string | null;
  /** ISO date, or null when the certificate could not be read. */
  validTo: string | null;
  hostnameMatches: boolean | null;
};

export type Step = {
  name: StepName;
  ok: boolean;
  /** True when the step was not run (e.g. MAIL FROM without a From address); ok stays true. */
  skipped?: boolean;
  durationMs: number;
  detail: string;
  /** The server's reply line (first line of a multi-line reply). */
  reply?: string;
  tls?: TlsInfo;
  failure?: Failure;
};

export type CheckResult = {
  ok: boolean;
  target: { host: string; port: number; tls: TlsMode; servername: string | null; username: string; from: string | null };
  startedAt: string;
  durationMs: number;
  steps: Step[];
};

/**
 * What the caller already knows about the account, to turn an ambiguous reply into the right
 * advice: the relay answers 535 for a wrong password and for a disabled account alike (so a
 * guesser learns nothing), but the portal knows which one it is.
 */
export type DiagnosisContext = {
  accountStatus?: "active" | "disabled" | (string & {});
  /** How long the relay locks a (username, IP) pair out after failed logins (AUTH_LOCKOUT). */
  lockoutMinutes?: number;
  /** Where the user finds the current password ("the portal" by default). */
  portalHint?: string;
};

export type CheckOptions = {
  host: string;
  port: number;
  tls: TlsMode;
  /** Trusted CA certificate(s), PEM. Without it the system's trusted roots are used. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** The name the certificate must carry (and SNI), when `host` is an address. */
  servername?: string;
  username: string;
  password: string;
  /** The envelope sender to try with MAIL FROM; without it MAIL FROM and RSET are skipped. */
  from?: string;
  /** Bound for every step. */
  timeoutMs: number;
  /** Bound for the whole check (default 3 × timeoutMs). */
  overallTimeoutMs?: number;
  /** SASL mechanism; by default PLAIN when offered, else LOGIN. */
  authMethod?: "PLAIN" | "LOGIN";
  /** Name sent with EHLO. */
  clientName?: string;
  context?: DiagnosisContext;
};
