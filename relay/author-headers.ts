// The author headers (From, Sender) of a message, read the way a receiving mail client could
// read them, so that the sender rule judges what the recipient is shown. Every ambiguity a
// client might resolve differently from us (a second From, mixed line endings, a group, an
// encoded word in an address, an address in a display name) is either refused here or handed
// on as one more address the account must be allowed to send as. Plain functions over bytes.
import { asciiHost } from "../lib/domains/ascii-host";
import addressparser from "nodemailer/lib/addressparser";
import { decodeMimeWords } from "./message";
import { headerRefusedReply, type SmtpReply } from "./replies";

/** At most this many header bytes are read; a longer header block is refused, not half-judged. */
export const MAX_AUTHOR_HEADER_BYTES = 256 * 1024;

export type AuthorHeaders = {
  ok: true;
  /** The From mailboxes' addresses (lower-cased, IDN domains in punycode). */
  from: string[];
  /** The Sender mailbox's address, when there is a Sender header. */
  sender: string[];
  /** Address-like text a client shows in display names or comments, with the header it is in. */
  shown: { header: "From" | "Sender"; text: string; address: string }[];
  /** The From header as written (unfolded), for the delivery log. */
  fromValue: string;
};

export type AuthorRefusal = { ok: false; reply: SmtpReply };

const refuse = (header: string, why: string): AuthorRefusal => ({ ok: false, reply: headerRefusedReply(header, why) });

/** The header block as lines, one per field (continuations unfolded), or why it is ambiguous. */
export function headerFieldLines(raw: Buffer): { ok: true; fields: { name: string; value: string }[] } | AuthorRefusal {
  const firstLf = raw.indexOf(0x0a);
  const crlf = firstLf > 0 && raw[firstLf - 1] === 0x0d;
  // Where the header block ends: the first empty line in the line-ending style the message uses.
  const blank = raw.indexOf(crlf ? "\r\n\r\n" : "\n\n");
  let end = blank === -1 ? raw.length : blank;
  if (raw.subarray(0, crlf ? 2 : 1).toString("latin1") === (crlf ? "\r\n" : "\n")) end = 0;
  if (end > MAX_AUTHOR_HEADER_BYTES) return refuse("Message", `the header block is longer than ${MAX_AUTHOR_HEADER_BYTES} bytes`);
  // A reader that breaks lines only at CRLF sees a header block up to the first CRLF CRLF: an
  // LF-only message must give it no line there (the CRLF that ends the last line is fine).
  if (!crlf) {
    const strictEnd = raw.indexOf("\r\n\r\n");
    const limit = strictEnd === -1 ? raw.length : strictEnd;
    for (let i = raw.indexOf(0x0d); i !== -1 && i < limit; i = raw.indexOf(0x0d, i + 1))
      if (i < end || raw[i + 1] !== 0x0a || i + 2 < limit) return refuse("Message", "mixes CRLF and LF line endings");
  }
  const block = raw.subarray(0, end).toString("latin1");
  // Clients disagree on bare CR and on a bare LF among CRLF lines (one sees a new header line,
  // another a header's value, or the body); refuse rather than guess which one the reader is.
  for (let i = 0; i < block.length; i++) {
    const c = block.charCodeAt(i);
    if (c === 0x0d && block.charCodeAt(i + 1) !== 0x0a) return refuse("Message", "the header block has a bare CR; end every line with CRLF");
    if (c === 0x0a && crlf && block.charCodeAt(i - 1) !== 0x0d) return refuse("Message", "mixes CRLF and LF line endings");
  }
  const text = raw.subarray(0, end).toString("utf8");
  const fields: { name: string; value: string }[] = [];
  for (const line of text.split(crlf ? "\r\n" : "\n")) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1]!.value += line;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    // `From :`, `FROM:`, `From\t:` and names with stray control characters all name From to
    // some reader, so the comparison ignores case, whitespace and controls.
    fields.push({ name: line.slice(0, colon).replace(/[\s\x00-\x1f\x7f]/g, "").toLowerCase(), value: line.slice(colon + 1) });
  }
  return { ok: true, fields };
}

/** Reads From and Sender and applies the rules that need no account. */
export function readAuthorHeaders(raw: Buffer): AuthorHeaders | AuthorRefusal {
  const lines = headerFieldLines(raw);
  if (!lines.ok) return lines;
  const froms = lines.fields.filter((f) => f.name === "from");
  const senders = lines.fields.filter((f) => f.name === "sender");
  if (froms.length === 0) return refuse("From", "missing; add one with an address on your verified domain");
  if (froms.length > 1) return refuse("From", `appears ${froms.length} times; a message has exactly one From header`);
  if (senders.length > 1) return refuse("Sender", `appears ${senders.length} times; a message has at most one Sender header`);

  const from = mailboxes("From", froms[0]!.value);
  if (!from.ok) return from;
  if (from.addresses.length === 0) return refuse("From", "has no address; add one on your verified domain");
  const result: AuthorHeaders = { ok: true, from: from.addresses, sender: [], shown: from.shown, fromValue: froms[0]!.value.trim() };
  if (senders.length === 1) {
    const sender = mailboxes("Sender", senders[0]!.value);
    if (!sender.ok) return sender;
    if (sender.addresses.length !== 1) return refuse("Sender", "must hold exactly one mailbox");
    result.sender = sender.addresses;
    result.shown.push(...sender.shown);
  }
  return result;
}

type Mailboxes = { ok: true; addresses: string[]; shown: AuthorHeaders["shown"] };

/** The mailboxes of one From or Sender value, each checked for what a client would show. */
function mailboxes(header: "From" | "Sender", value: string): Mailboxes | AuthorRefusal {
  // Controls other than the folding tab are rendered (or dropped) differently by each client.
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return refuse(header, "contains control characters");
  // An encoded word we cannot decode (UTF-7, say) could still show an address in some client.
  for (const [, charset] of value.matchAll(/=\?([^?*]+)(?:\*[^?]*)?\?[bq]\?/gi))
    if (!decodableCharset(charset!)) return refuse(header, `has an encoded word in the charset ${quote(charset!)}, which cannot be checked; use UTF-8`);
  const parsed = addressparser(value);
  const addresses: string[] = [];
  const shown: AuthorHeaders["shown"] = [];
  for (const entry of parsed) {
    if (entry.group) return refuse(header, "uses group syntax; name each sender as a plain mailbox");
    const address = checkAddress(header, entry.address);
    if (typeof address !== "string") return address;
    addresses.push(address);
    for (const text of addressLikeText(decodeMimeWords(entry.name ?? ""))) shown.push({ header, text, address: normaliseMailbox(text) });
  }
  // addressparser drops text it cannot place; whatever else a client shows is in the raw value.
  for (const text of addressLikeText(decodeMimeWords(value.replace(/<[^<>]*>/g, " "))))
    if (!shown.some((s) => s.text === text) && !addresses.includes(normaliseMailbox(text))) shown.push({ header, text, address: normaliseMailbox(text) });
  return { ok: true, addresses, shown };
}

/** A sendable mailbox address: plain ASCII local part, a host name domain. Returns it normalised. */
function checkAddress(header: "From" | "Sender", raw: string): string | AuthorRefusal {
  const address = raw.trim();
  if (!address) return refuse(header, "has a mailbox without an address");
  if (/=\?[^?]*\?[bq]\?/i.test(address)) return refuse(header, `the address ${quote(address)} contains an encoded word; write it plainly`);
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return refuse(header, `${quote(address)} is not a mailbox address`);
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.startsWith('"')) return refuse(header, `the address ${quote(address)} has a quoted local part; use a plain one`);
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local))
    return refuse(header, `the address ${quote(address)} has a local part that is not plain ASCII`);
  if (domain.startsWith("[")) return refuse(header, `the address ${quote(address)} uses an address literal; use a domain name`);
  const ascii = asciiHost(domain);
  if (!ascii || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii)) return refuse(header, `the address ${quote(address)} has an invalid domain`);
  return `${local.toLowerCase()}@${ascii}`;
}

/**
 * Text in a display name or comment that a reader would take for an address ("ceo@bank.example",
 * "ceo＠bank.example" after compatibility folding), which the account must be allowed to use too.
 */
export function addressLikeText(display: string): string[] {
  // "ceo @ bank.example" reads as an address too. Trimmed piece by piece, not with /\s*@\s*/g:
  // a regular expression retried at every space of a long run is quadratic (ESLint's
  // regexp/no-super-linear-move), and 60,000 spaces in a From held the relay's thread for 4 s.
  const folded = display
    .normalize("NFKC")
    .split("@")
    .map((piece, i, pieces) => {
      const start = i > 0 ? piece.trimStart() : piece;
      return i < pieces.length - 1 ? start.trimEnd() : start;
    })
    .join("@");
  const found: string[] = [];
  for (const token of folded.split(/[\s<>"'(),;:[\]\\]+/)) {
    const at = token.indexOf("@");
    if (at > 0 && at < token.length - 1) found.push(token);
  }
  return found;
}

function normaliseMailbox(text: string): string {
  const at = text.lastIndexOf("@");
  const domain = text.slice(at + 1).toLowerCase().replace(/\.$/, "");
  return `${text.slice(0, at).toLowerCase()}@${asciiHost(domain) || domain}`;
}

function decodableCharset(charset: string): boolean {
  try {
    new TextDecoder(charset.trim().toLowerCase());
    return true;
  } catch {
    return false;
  }
}

/** Client text in a reply: printable ASCII only, bounded. */
function quote(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return `<${clean.length > 80 ? `${clean.slice(0, 77)}...` : clean}>`;
}
