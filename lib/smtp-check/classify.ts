// Turns a failed step into a plain diagnosis. Decided from codes only — the SMTP reply code
// (nodemailer's `responseCode`), nodemailer's error `code`, and the Node error code it keeps
// as `originalCode` (ECONNREFUSED, a TLS verification code, …) — never from message text,
// which changes between versions and languages.
import type { DiagnosisContext, Failure, StepName, TlsMode } from "./types";

/** The parts of an error the classifier reads (nodemailer and Node errors both fit). */
export type ErrorCodes = {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  timeoutType?: unknown;
};

export type ClassifyInput = {
  step: StepName;
  error?: ErrorCodes | null;
  /** The SMTP reply code when the failure is a reply (takes precedence over the error's). */
  replyCode?: number;
  target: { host: string; port: number; tls: TlsMode; servername?: string | null; from?: string | null };
  timeoutMs?: number;
  tls?: { subject?: string | null; validTo?: string | null } | null;
  context?: DiagnosisContext;
};

const UNTRUSTED = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_REJECTED",
  "INVALID_CA",
]);
const EXPIRED = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
const WRONG_HOST = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH"]);
const DNS = new Set(["EDNS", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "ENODATA", "ESERVFAIL"]);
const UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
const CLOSED = new Set(["ECONNRESET", "EPIPE", "ECONNECTION", "ECONNABORTED"]);
const NOT_TLS = new Set(["ERR_SSL_WRONG_VERSION_NUMBER", "ERR_SSL_PACKET_LENGTH_TOO_LONG", "ERR_SSL_UNKNOWN_PROTOCOL", "EPROTO"]);

function str(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

function replyCodeOf(input: ClassifyInput): number | undefined {
  if (input.replyCode) return input.replyCode;
  const code = input.error?.responseCode;
  return typeof code === "number" && code > 0 ? code : undefined;
}

export function lockoutAdvice(minutes: number | undefined): string {
  if (minutes === undefined) return "wait for the lockout to end (15 minutes unless the relay's operator set another time)";
  return `wait ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function classifyFailure(input: ClassifyInput): Failure {
  const { step, target, context = {} } = input;
  const where = `${target.servername ?? target.host}:${target.port}`;
  const otherPort =
    target.tls === "implicit"
      ? "this port may expect STARTTLS (usually 587) rather than TLS from the first byte"
      : "this port may expect TLS from the first byte (SSL/TLS, usually 465) rather than STARTTLS";

  const replyCode = replyCodeOf(input);
  if (replyCode !== undefined) {
    switch (replyCode) {
      case 530:
        return {
          kind: "tls_required",
          explanation: "the server requires STARTTLS before AUTH (530)",
          action: "turn on encryption (TLS / STARTTLS) in your application's SMTP settings",
        };
      case 535:
        if (context.accountStatus === "disabled")
          return { kind: "account_disabled", explanation: "the account is disabled", action: "enable it in SMTP Accounts, then test again" };
        return {
          kind: "bad_credentials",
          explanation: "the password is wrong or has been reset",
          action: `reveal the current one in ${context.portalHint ?? "the portal"} (SMTP Accounts → View Credentials) and update your application`,
        };
      case 454:
        if (step === "auth")
          return {
            kind: "locked_out",
            explanation: "locked out after failed logins",
            action: `${lockoutAdvice(context.lockoutMinutes)}, then connect with the current password`,
          };
        break;
      case 553:
      case 550:
        if (step === "mail_from")
          return {
            kind: "from_not_allowed",
            explanation: `the relay does not let this account send from ${target.from ?? "this address"} (${replyCode})`,
            action: "send from the account's own From address, or an address on its verified domain (the server's reply says which)",
          };
        break;
      case 421:
        return {
          kind: "connection_closed",
          explanation: "the server is closing the connection (421)",
          action: "try again in a moment",
        };
    }
    return {
      kind: "unexpected_reply",
      explanation: `the server answered ${step.toUpperCase().replace("_", " ")} with ${replyCode}`,
      action: "the server's reply gives the reason",
    };
  }

  const code = str(input.error?.code);
  const original = str(input.error?.originalCode);
  const codes = [original, code].filter((c): c is string => Boolean(c));
  const has = (set: Set<string>) => codes.some((c) => set.has(c));

  if (input.error && (code === "ETIMEDOUT" || original === "ETIMEDOUT" || input.error.timeoutType)) {
    return timeoutFailure(step, where, input.timeoutMs, otherPort);
  }
  if (codes.includes("ECONNREFUSED"))
    return {
      kind: "refused",
      explanation: `nothing accepts connections on ${where} (connection refused)`,
      action: "check the host and port (587 for STARTTLS, 465 for SSL/TLS) and that the relay is running",
    };
  if (has(DNS))
    return {
      kind: "dns_failure",
      explanation: `the host name ${target.host} could not be resolved`,
      action: "check the spelling of the host name and this machine's DNS settings",
    };
  if (has(UNREACHABLE))
    return {
      kind: "unreachable",
      explanation: `there is no network route to ${where}`,
      action: "check this machine's network connection and firewall",
    };
  if (has(EXPIRED))
    return {
      kind: "certificate_expired",
      explanation: `the server's certificate has expired or is not valid yet${input.tls?.validTo ? ` (valid to ${input.tls.validTo})` : ""}`,
      action: "ask the relay's operator to renew it; do not turn certificate checks off",
    };
  if (has(WRONG_HOST))
    return {
      kind: "certificate_wrong_host",
      explanation: `the server's certificate${input.tls?.subject ? ` (${input.tls.subject})` : ""} is not for ${target.servername ?? target.host}`,
      action: "connect with the host name the certificate names (the SMTP host shown in the portal)",
    };
  if (has(UNTRUSTED))
    return {
      kind: "certificate_untrusted",
      explanation: "the server's certificate is not signed by an authority this client trusts (self-signed or unknown issuer)",
      action: "give the client the relay's CA certificate (SMTP_CA_FILE for smtp:check); never turn certificate checks off",
    };
  if (has(NOT_TLS) || (code === "ETLS" && !original))
    return {
      kind: "tls_failed",
      explanation: "the TLS handshake failed",
      action: `check the encryption setting for this port: ${otherPort}`,
    };
  if (has(CLOSED))
    return {
      kind: "connection_closed",
      explanation: `the server closed the connection during ${step.replace("_", " ")}`,
      action: step === "banner" ? otherPort : "try again; if it keeps happening, check the relay's logs",
    };
  return {
    kind: "unknown",
    explanation: `the ${step.replace("_", " ")} step failed${codes.length ? ` (${codes.join(", ")})` : ""}`,
    action: "try again; if it keeps failing, contact support with this transcript",
  };
}

export function timeoutFailure(step: StepName, where: string, timeoutMs: number | undefined, otherPort: string): Failure {
  const bound = timeoutMs ? ` within ${timeoutMs} ms` : "";
  if (step === "connect")
    return {
      kind: "timeout",
      explanation: `no answer from ${where}${bound} while connecting`,
      action: "check the host and port, and that no firewall drops traffic to this port",
    };
  if (step === "banner")
    return {
      kind: "timeout",
      explanation: `connected, but no 220 greeting arrived${bound}`,
      action: `check this is an SMTP port; ${otherPort}`,
    };
  return {
    kind: "timeout",
    explanation: `the server did not answer ${step.replace("_", " ").toUpperCase()}${bound}`,
    action: "try again; if it keeps happening, the server or the network path is overloaded",
  };
}
