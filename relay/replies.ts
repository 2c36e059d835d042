// Every SMTP reply the relay words itself, in one place. The help article quotes some of these
// word for word (greeting, 235, 535), so they are constants with tests, not strings scattered
// through handlers. A reply's text starts with its enhanced status code (RFC 3463); the socket
// layer (relay/server.ts) sends such text as is instead of letting smtp-server pick a code.
import type { AuthFailure } from "../lib/smtp-accounts/authenticate";

export type SmtpReply = { code: number; text: string };

/** What smtp-server's callbacks accept as an error: an Error carrying the reply code. */
export class SmtpReplyError extends Error {
  readonly responseCode: number;
  constructor(readonly reply: SmtpReply) {
    super(reply.text);
    this.name = "SmtpReplyError";
    this.responseCode = reply.code;
  }
}

export function replyLine(reply: SmtpReply): string {
  return `${reply.code} ${reply.text}`;
}

/** The 220 greeting: smtp-server writes `<name> ESMTP <banner>`. */
export const GREETING_BANNER = "ready";
export function greetingLine(publicHost: string): string {
  return `220 ${publicHost} ESMTP ${GREETING_BANNER}`;
}

export const REPLY = {
  authSuccess: { code: 235, text: "2.7.0 Authentication successful" },
  authInvalid: { code: 535, text: "5.7.8 Authentication credentials invalid" },
  authLockedOut: { code: 454, text: "4.7.0 Too many failed login attempts, try again later" },
  authTemporaryFailure: { code: 454, text: "4.7.0 Temporary authentication failure, try again later" },
  startTlsFirst: { code: 530, text: "5.7.0 Must issue a STARTTLS command first" },
  storageFailure: { code: 451, text: "4.3.0 Temporary failure storing the message, try again later" },
  recipientCheckFailure: { code: 451, text: "4.3.0 Temporary failure checking the recipient, try again later" },
  senderRequired: { code: 553, text: "5.7.1 A sender address is required (MAIL FROM:<you@your-domain>)" },
  shuttingDown: { code: 421, text: "4.3.2 Service shutting down, try again later" },
} as const satisfies Record<string, SmtpReply>;

/** Why an authentication attempt failed (lib/smtp-accounts/authenticate.ts). */
/** Why an AUTH failed: the use case's reasons, or the relay could not check at all. */
export type AuthFailureReason = AuthFailure | "error";

/**
 * The reply for a failed AUTH. Unknown user, wrong password and disabled account look the same
 * to the client (535), so a guesser learns nothing about which usernames exist.
 */
export function authFailureReply(reason: AuthFailureReason): SmtpReply {
  switch (reason) {
    case "locked_out":
    case "throttled":
      return REPLY.authLockedOut;
    case "error":
      return REPLY.authTemporaryFailure;
    case "bad_credentials":
    case "unknown_user":
    case "disabled":
    case "ip_not_allowed":
    case "expired":
      return REPLY.authInvalid;
  }
}

/**
 * 550 5.1.1 for a recipient on the workspace's suppression list: which address, why and since
 * when, and what to do about it (a hard bounce listed it, or an admin did).
 */
export function suppressedRecipientReply(address: string, reason: string, since: Date): SmtpReply {
  return {
    code: 550,
    text: `5.1.1 <${address}>: recipient is on this workspace's suppression list (${reason}, since ${since.toISOString().slice(0, 10)}); remove it in MigoSMTP to send again`,
  };
}

export function tooManyRecipientsReply(max: number): SmtpReply {
  return { code: 452, text: `4.5.3 Too many recipients: at most ${max} per message` };
}

export function badRecipientReply(reason?: string): SmtpReply {
  return { code: 501, text: `5.1.3 Bad recipient address syntax${reason ? `: ${reason}` : ""}` };
}

export function unofferedParameterReply(command: string, parameter: string, extension: string): SmtpReply {
  return { code: 555, text: `5.5.4 ${command} parameter ${parameter} is not supported: this relay does not offer ${extension}` };
}

/** RFC 6531: a non-ASCII mailbox without SMTPUTF8, which the relay does not advertise. */
export function nonAsciiAddressReply(which: "sender" | "recipient"): SmtpReply {
  return { code: 553, text: `5.6.7 Non-ASCII ${which} address: this relay does not offer SMTPUTF8; use an ASCII address` };
}

export function messageTooBigReply(maxBytes: number): SmtpReply {
  return { code: 552, text: `5.3.4 Message too big: the limit is ${maxBytes} bytes` };
}

export function queuedReply(messageId: string): SmtpReply {
  return { code: 250, text: `2.0.0 Ok: queued as ${messageId}` };
}

/** 553 5.7.1 with the sender rule that was broken. */
export function senderNotAllowedReply(reason: string): SmtpReply {
  return { code: 553, text: `5.7.1 ${reason}` };
}

/** 550 5.7.1 for an author header (From, Sender) a client could read as a sender the account is not. */
export function headerRefusedReply(header: string, why: string): SmtpReply {
  return { code: 550, text: `5.7.1 ${header} header: ${why}` };
}

/** 421 4.7.0 for a connection over a cap (then closed): which cap, in words. */
export function connectionRefusedReply(cap: "total" | "per_ip" | "unauthenticated"): SmtpReply {
  const what = { total: "Too many connections", per_ip: "Too many connections from your address", unauthenticated: "Too many connections not yet authenticated" }[cap];
  return { code: 421, text: `4.7.0 ${what}, try again later` };
}

export function commandDeadlineReply(ms: number): SmtpReply {
  return { code: 421, text: `4.4.2 Command line not completed within ${seconds(ms)}, closing connection` };
}

export function authDeadlineReply(ms: number): SmtpReply {
  return { code: 421, text: `4.7.0 Authentication not completed within ${seconds(ms)}, closing connection` };
}

export function dataDeadlineReply(ms: number): SmtpReply {
  return { code: 421, text: `4.4.2 Message data not completed within ${seconds(ms)}, closing connection` };
}

function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${s} ${s === 1 ? "second" : "seconds"}`;
}

/** Text that already carries an enhanced status code, e.g. "5.7.1 …". */
export function hasEnhancedCode(text: string): boolean {
  return /^[245]\.\d{1,3}\.\d{1,3}( |$)/.test(text);
}
