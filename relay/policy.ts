// The relay's SMTP rules as plain functions: input → decision (and the reply to send). The
// socket layer (relay/server.ts) only gathers the inputs and sends the reply.
import { checkAllowedSender, checkSessionAccess, type AccountPolicies } from "./access-policy";
import { acceptsVersion } from "./credential-window";
import { REPLY, headerRefusedReply, senderNotAllowedReply, tooManyRecipientsReply, badRecipientReply, nonAsciiAddressReply, unofferedParameterReply, type SmtpReply } from "./replies";
import { checkSuppressionAddress } from "../lib/suppressions/address";
import { asciiHost } from "../lib/domains/ascii-host";

/** A refusal that `endsSession` also takes the session's authority away (its credential is no longer current). */
export type Decision = { ok: true } | { ok: false; reply: SmtpReply; endsSession?: true };
const OK: Decision = { ok: true };
const reject = (reply: SmtpReply): Decision => ({ ok: false, reply });

/**
 * The EHLO capability lines for the connection's state: AUTH is offered only once TLS is up
 * (we never take a password in clear), STARTTLS only before.
 */
export function ehloFeatures(lines: readonly string[], state: { tls: boolean }): string[] {
  return lines.filter((line) => {
    const keyword = line.split(" ")[0]!.toUpperCase();
    if (keyword === "AUTH") return state.tls;
    if (keyword === "STARTTLS") return !state.tls;
    return true;
  });
}

/** What AUTH may do in this state: refused before TLS with the article's 530. */
export function authAllowed(state: { tls: boolean }): Decision {
  return state.tls ? OK : reject(REPLY.startTlsFirst);
}

/** The account as the relay re-reads it before each transaction. */
export type SenderAccount = {
  id: string;
  status: string;
  passwordVersion: number;
  workspaceId: string;
  fromAddress: string | null;
  domain: { name: string; status: string; workspaceId: string } | null;
  /** A planned rotation's previous password, valid until graceEndsAt (relay/credential-window.ts). */
  previousPasswordVersion?: number | null;
  graceEndsAt?: Date | null;
  /** The workspace's verified domain names, read for an account with allowed senders (absent: none count as verified). */
  verifiedDomains?: readonly string[] | null;
} & AccountPolicies;

/**
 * Is the session's credential still current? A password reset (new passwordVersion), a disabled
 * or deleted account ends what an already-authenticated connection may do; so does the end of
 * the grace window for a session that authenticated with the previous password.
 */
export function checkCredentialCurrent(authenticatedVersion: number, account: SenderAccount | null, now = new Date()): Decision {
  if (!account || account.status !== "active" || !acceptsVersion(account, authenticatedVersion, now)) return { ok: false, reply: REPLY.authInvalid, endsSession: true };
  return OK;
}

/** The domain part of an address, lower-case ASCII (IDNs in punycode), or "" when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return "";
  return asciiHost(address.slice(at + 1));
}

export function normaliseAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return address.trim().toLowerCase();
  return `${address.slice(0, at)}@${domainOf(address)}`.toLowerCase();
}

/**
 * May this account send as `address`? Its exact From address when it has one, otherwise any
 * address on its domain — which must be verified and belong to the account's workspace.
 * `where` names the field in the reply ("sender address" for MAIL FROM, "From header").
 */
export function checkFromAddress(account: SenderAccount, address: string, where: "MAIL FROM" | "From header" | "Sender header"): Decision {
  const domain = account.domain;
  if (!domain || domain.workspaceId !== account.workspaceId)
    return reject(senderNotAllowedReply("This account has no sending domain; add and verify one in MigoSMTP"));
  if (domain.status !== "verified")
    return reject(senderNotAllowedReply(`The domain ${domain.name} is not verified yet; verify it in MigoSMTP before sending`));
  const normalised = normaliseAddress(address);
  if (account.allowedSenders !== null) {
    // An entry counts only while its domain is verified in this workspace (it was when saved).
    const senderDomain = domainOf(normalised);
    if (!(account.verifiedDomains ?? []).includes(senderDomain))
      return reject(senderNotAllowedReply(`${where} is on ${senderDomain || "no domain"}, which is not a verified domain of this workspace; verify it in MigoSMTP before sending as it`));
    return checkAllowedSender(account.allowedSenders, normalised, where) ?? OK;
  }
  if (account.fromAddress) {
    if (normalised !== normaliseAddress(account.fromAddress))
      return reject(senderNotAllowedReply(`${where} must be ${account.fromAddress.toLowerCase()}, the From address of this account`));
    return OK;
  }
  if (domainOf(normalised) !== domain.name.toLowerCase())
    return reject(senderNotAllowedReply(`${where} must be an address on ${domain.name}, the verified domain of this account`));
  return OK;
}

/** MAIL FROM: credential still current, the session's address and expiry still allowed, then the sender rule. */
export function checkEnvelopeSender(input: { authenticatedVersion: number; account: SenderAccount | null; address: string; clientIp: string; now?: Date }): Decision {
  const current = checkCredentialCurrent(input.authenticatedVersion, input.account);
  if (!current.ok) return current;
  const access = checkSessionAccess(input.account!, input.clientIp, input.now ?? new Date());
  if (access) return access;
  if (!input.address) return reject(REPLY.senderRequired);
  // RFC 6531: a non-ASCII mailbox needs SMTPUTF8, which the relay does not offer (the From header's
  // rule refuses one too).
  if (/[^\x00-\x7f]/.test(input.address.slice(0, input.address.lastIndexOf("@")))) return reject(nonAsciiAddressReply("sender"));
  return checkFromAddress(input.account!, input.address, "MAIL FROM");
}

/** What the author headers hold beyond From (relay/author-headers.ts reads them). */
export type AuthorAddresses = {
  sender?: readonly string[];
  /** Address-like text in display names or comments, which readers take for the sender. */
  shown?: readonly { header: "From" | "Sender"; text: string; address: string }[];
};

/**
 * The author headers at the end of DATA: every From mailbox, the Sender mailbox, and every
 * address a display name shows must be one the account may send as.
 */
export function checkHeaderFrom(account: SenderAccount, fromAddresses: readonly string[], more: AuthorAddresses = {}): Decision {
  if (fromAddresses.length === 0) return reject(senderNotAllowedReply("The message has no From header address; add one on your verified domain"));
  for (const address of fromAddresses) {
    const decision = checkFromAddress(account, address, "From header");
    if (!decision.ok) return decision;
  }
  for (const address of more.sender ?? []) {
    const decision = checkFromAddress(account, address, "Sender header");
    if (!decision.ok) return decision;
  }
  for (const shown of more.shown ?? []) {
    if (!checkFromAddress(account, shown.address, "From header").ok)
      return reject(headerRefusedReply(shown.header, `the display name shows ${shown.text.replace(/[^\x20-\x7e]/g, "?").slice(0, 80)}, an address this account may not send as`));
  }
  return OK;
}

/**
 * RCPT TO: a syntactically plausible address, and at most `max` per message. A recipient is a
 * mailbox some mail system delivers to, checked by the suppression list's own rules
 * (lib/suppressions/address.ts): a quoted local part that needs no quotes loses them, so
 * "blocked"@x is looked up and stored as blocked@x. `address` is the mailbox to deliver to: the
 * domain in lower-case ASCII, the local part's case as the client wrote it (RFC 5321 2.4); the
 * list is looked up, and the logs filtered, by its lower-cased form (suppressionKey).
 */
export function checkRecipient(input: { address: string; acceptedSoFar: number; max: number }): { ok: true; address: string } | { ok: false; reply: SmtpReply } {
  const checked = checkSuppressionAddress(input.address);
  if (!checked.ok) return { ok: false, reply: checked.nonAscii ? nonAsciiAddressReply("recipient") : badRecipientReply(checked.reason) };
  if (input.acceptedSoFar >= input.max) return { ok: false, reply: tooManyRecipientsReply(input.max) };
  return { ok: true, address: checked.mailbox };
}

/** MAIL FROM and RCPT TO parameters of extensions the relay does not advertise (EHLO hides DSN, SMTPUTF8 and REQUIRETLS). */
const UNOFFERED: Record<"MAIL FROM" | "RCPT TO", Record<string, string>> = {
  "MAIL FROM": { RET: "DSN", ENVID: "DSN", SMTPUTF8: "SMTPUTF8", REQUIRETLS: "REQUIRETLS" },
  "RCPT TO": { NOTIFY: "DSN", ORCPT: "DSN" },
};

/** RFC 5321 §4.1.1.11: a parameter the server does not implement is 555, not silently ignored. */
export function checkParameters(command: "MAIL FROM" | "RCPT TO", args: false | Record<string, unknown> | undefined): Decision {
  for (const key of Object.keys(args || {})) {
    const extension = UNOFFERED[command][key.toUpperCase()];
    if (extension) return reject(unofferedParameterReply(command, key.toUpperCase(), extension));
  }
  return OK;
}
