// Durable acceptance, first half: what the relay knows about a session and a message before it
// touches the database. The message, its recipients and the "accepted" timeline entry are then
// written by the group committer (committer.ts) in one transaction per batch, together with the
// last re-check of the credential; the client hears 250 only after that transaction committed.
import { randomBytes } from "node:crypto";
import type { PreparedMessage } from "./batch";
import { readAuthorHeaders, type AuthorHeaders, type AuthorRefusal } from "./author-headers";
import { appendHeaders, decodeMimeWords, headerValue, parseHeaders, prependHeaders, receivedHeader, withoutEmptyFields } from "./message";
import { domainOf, normaliseAddress } from "./policy";
import { queuedReply } from "./replies";
import { storableText } from "../lib/text/storable-text";

/** What the connection knows about its authenticated session. */
export type RelaySession = {
  accountId: string;
  workspaceId: string;
  username: string;
  passwordVersion: number;
  clientIp: string;
  clientHostname: string | null;
  helo: string;
  protocol: string;
  tlsProtocol: string | null;
  tlsCipher: string | null;
};

/** Sortable, unguessable message id (time prefix + 80 random bits). */
export function newMessageId(now: Date = new Date()): string {
  return `m${now.getTime().toString(36)}${randomBytes(10).toString("hex")}`;
}

export type PrepareInput = {
  session: RelaySession;
  envelopeFrom: string;
  recipients: string[];
  raw: Buffer;
  publicHost: string;
  now?: Date;
  /** The author headers as the socket layer already read them (read here when absent). */
  authors?: AuthorHeaders | AuthorRefusal;
};

/**
 * Everything about a message that needs no database: its id, the From/Subject/Message-ID it
 * carries, the Received header (and a Message-ID when it has none), normalised recipients.
 * The group committer (committer.ts) then stores it with the in-transaction checks.
 */
export function prepareMessage(input: PrepareInput): PreparedMessage {
  const { session } = input;
  const now = input.now ?? new Date();
  const id = newMessageId(now);
  const recipients = uniqueMailboxes(input.recipients);
  const firstRecipient = recipients[0]?.address ?? "";

  const parsed = parseHeaders(input.raw);
  const authors = input.authors ?? readAuthorHeaders(input.raw);
  const fromValue = authors.ok ? authors.fromValue : headerValue(parsed.fields, "From");
  const subjectValue = headerValue(parsed.fields, "Subject");
  let messageIdHeader = headerValue(parsed.fields, "Message-ID");

  let raw = input.raw;
  if (!messageIdHeader) {
    // None, or an empty one: the relay's replaces it (a message has at most one Message-ID).
    messageIdHeader = `<${id}@${input.publicHost}>`;
    raw = withoutEmptyFields(raw, parsed, "Message-ID");
    raw = appendHeaders(raw, raw === input.raw ? parsed : parseHeaders(raw), `Message-ID: ${messageIdHeader}${parsed.eol}`);
  }
  raw = prependHeaders(
    raw,
    receivedHeader(
      {
        helo: session.helo,
        clientHostname: session.clientHostname,
        clientIp: session.clientIp,
        publicHost: input.publicHost,
        protocol: session.protocol,
        id,
        tlsProtocol: session.tlsProtocol,
        tlsCipher: session.tlsCipher,
        envelopeTo: recipients.length === 1 ? (recipients[0]!.mailbox ?? firstRecipient) : null,
        date: now,
      },
      parsed.eol,
    ),
  );

  return {
    id,
    accountId: session.accountId,
    passwordVersion: session.passwordVersion,
    clientIp: session.clientIp,
    clientHostname: session.clientHostname === null ? null : storableText(session.clientHostname),
    tlsProtocol: session.tlsProtocol,
    tlsCipher: session.tlsCipher,
    // What the client wrote, as text a database can hold (a NUL, raw or MIME-encoded, cannot be);
    // delivered with its local part's case, as bounce addresses may carry a case-sensitive token.
    ...envelopeSender(storableText(input.envelopeFrom)),
    headerFrom: fromValue ? storableText(decodeMimeWords(fromValue).slice(0, 998)) : null,
    subject: subjectValue !== undefined ? storableText(decodeMimeWords(subjectValue).slice(0, 998)) : null,
    messageIdHeader: storableText(messageIdHeader.slice(0, 998)),
    // A refused author header leaves no address, so the From rule refuses the message too.
    fromAddresses: authors.ok ? authors.from : [],
    authorAddresses: authors.ok ? { sender: authors.sender, shown: authors.shown } : undefined,
    recipients,
    raw,
    createdAt: now,
    acceptedReply: queuedReply(id),
  };
}

/**
 * One recipient per mailbox, delivered to with its local part's case as given (RFC 5321 2.4).
 * smtp-server already keeps one RCPT TO per address compared without case (the last spelling);
 * a quoted and an unquoted spelling ("a"@x, a@x) meet here, after the relay's checks unquoted them.
 */
function uniqueMailboxes(given: readonly string[]): PreparedMessage["recipients"] {
  const out = new Map<string, PreparedMessage["recipients"][number]>();
  for (const raw of given) {
    const { address, mailbox } = spelled(storableText(raw));
    if (!out.has(address)) out.set(address, { address, domain: domainOf(address), mailbox });
  }
  return [...out.values()];
}

function envelopeSender(text: string): Pick<PreparedMessage, "envelopeFrom" | "envelopeMailbox"> {
  const { address, mailbox } = spelled(text);
  return { envelopeFrom: address, envelopeMailbox: mailbox };
}

/**
 * An address lower-cased, and as spelled: the local part as given, the domain as the address has
 * it (lower-case ASCII); null when the two are the same.
 */
function spelled(text: string): { address: string; mailbox: string | null } {
  const address = normaliseAddress(text);
  const at = text.lastIndexOf("@");
  if (at <= 0) return { address, mailbox: null };
  const mailbox = `${text.slice(0, at)}@${domainOf(address)}`;
  return { address, mailbox: mailbox === address ? null : mailbox };
}
