// Reading and amending a message's header block: the relay needs From, Subject and Message-ID,
// and adds Received and (when missing) Message-ID. Plain functions over bytes; no socket here.
import { asciiHost } from "../lib/domains/ascii-host";
import addressparser from "nodemailer/lib/addressparser";

export type HeaderField = { name: string; value: string };

export type ParsedHeaders = {
  fields: HeaderField[];
  /** Byte offset where the header block ends (start of the blank line), or raw.length. */
  headerEnd: number;
  /** The line ending the message uses (CRLF on the wire; LF in some test inputs). */
  eol: "\r\n" | "\n";
};

/** At most this many header bytes are examined (a header block longer than this is abusive). */
const MAX_HEADER_BYTES = 256 * 1024;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Header bytes as text: UTF-8 when they are, else Latin-1 (raw 8-bit headers from older clients), never U+FFFD for every such byte. */
function headerText(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return bytes.toString("latin1");
  }
}

export function parseHeaders(raw: Buffer): ParsedHeaders {
  const limit = Math.min(raw.length, MAX_HEADER_BYTES);
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  let headerEnd: number;
  let eol: "\r\n" | "\n" = "\r\n";
  if (crlf !== -1 && (lf === -1 || crlf < lf)) headerEnd = crlf;
  else if (lf !== -1) {
    headerEnd = lf;
    eol = "\n";
  } else headerEnd = raw.length;
  // A message that starts with the blank line has no header at all.
  if (raw.subarray(0, 2).toString("latin1") === "\r\n" || raw.subarray(0, 1).toString("latin1") === "\n") headerEnd = 0;
  const text = headerText(raw.subarray(0, Math.min(headerEnd, limit)));
  const fields: HeaderField[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      // A value that starts on the next line ("Message-ID:\r\n <id@x>") starts without a space.
      const last = fields[fields.length - 1]!;
      last.value = last.value ? `${last.value} ${line.trim()}` : line.trim();
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { fields, headerEnd, eol };
}

export function headerValue(fields: HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === lower)?.value;
}

export function headerCount(fields: HeaderField[], name: string): number {
  const lower = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === lower).length;
}

/** The mailbox addresses of a From header value (groups flattened), lower-cased. */
export function addressesOf(value: string): string[] {
  return addressparser(value, { flatten: true })
    .map((a) => (a.address ?? "").trim().toLowerCase())
    .filter((a) => a.length > 0);
}

/** Decodes RFC 2047 encoded words (=?charset?B|Q?…?=) for display (Subject in the log). */
export function decodeMimeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, "$1")
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g, (whole, charset: string, enc: string, text: string) => {
      try {
        const bytes =
          enc.toUpperCase() === "B"
            ? Buffer.from(text, "base64")
            : Buffer.from(
                text.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
                "latin1",
              );
        return new TextDecoder(charset.trim().toLowerCase(), { fatal: false }).decode(bytes);
      } catch {
        return whole;
      }
    });
}

export type ReceivedInput = {
  helo: string;
  clientHostname: string | null;
  clientIp: string;
  publicHost: string;
  protocol: string;
  id: string;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  envelopeTo: string | null;
  date: Date;
};

/** An internationalised EHLO name in its ASCII form (é.example → xn--9ca.example), not with its letters dropped. */
function asciiName(name: string): string {
  return /[^\x00-\x7f]/.test(name) ? asciiHost(name) || name : name;
}

/** The trace header this hop adds (RFC 5321 §4.4), folded over several lines. */
export function receivedHeader(input: ReceivedInput, eol = "\r\n"): string {
  const clean = (s: string) => s.replace(/[^\x21-\x7e]/g, "").slice(0, 255);
  const ip = input.clientIp.includes(":") ? `IPv6:${input.clientIp}` : input.clientIp;
  const host = input.clientHostname && !input.clientHostname.startsWith("[") ? clean(input.clientHostname) : "unknown";
  const lines = [
    `Received: from ${clean(asciiName(input.helo)) || "unknown"} (${host} [${clean(ip)}])`,
    `\tby ${input.publicHost} (MigoSMTP) with ${clean(input.protocol)} id ${input.id}`,
  ];
  if (input.tlsProtocol) lines.push(`\t(version=${clean(input.tlsProtocol)}${input.tlsCipher ? ` cipher=${clean(input.tlsCipher)}` : ""})`);
  if (input.envelopeTo) lines.push(`\tfor <${clean(input.envelopeTo)}>`);
  lines[lines.length - 1] += ";";
  lines.push(`\t${rfc5322Date(input.date)}`);
  return lines.join(eol) + eol;
}

export function rfc5322Date(date: Date): string {
  // toUTCString gives "Thu, 01 Jan 2026 00:00:00 GMT"; RFC 5322 prefers a numeric zone.
  return date.toUTCString().replace(/GMT$/, "+0000");
}

/** Puts header lines (each already ending in `eol`) in front of the message. */
export function prependHeaders(raw: Buffer, headerText: string): Buffer {
  return Buffer.concat([Buffer.from(headerText, "utf8"), raw]);
}

/** Adds header lines at the end of the header block (where Message-ID usually sits). */
export function appendHeaders(raw: Buffer, parsed: ParsedHeaders, headerText: string): Buffer {
  if (parsed.headerEnd === 0) return Buffer.concat([Buffer.from(headerText, "utf8"), raw]);
  if (parsed.headerEnd >= raw.length) {
    // Header block only, no body: add after a line break of our own.
    const needsEol = !raw.subarray(-parsed.eol.length).equals(Buffer.from(parsed.eol));
    return Buffer.concat([raw, Buffer.from((needsEol ? parsed.eol : "") + headerText, "utf8")]);
  }
  const cut = parsed.headerEnd + parsed.eol.length;
  return Buffer.concat([raw.subarray(0, cut), Buffer.from(headerText, "utf8"), raw.subarray(cut)]);
}

/**
 * The message without its `name` fields that hold nothing (a client's empty "Message-ID:"), so
 * the relay's own can take their place instead of standing beside them. Bytes kept as they are.
 */
export function withoutEmptyFields(raw: Buffer, parsed: ParsedHeaders, name: string): Buffer {
  if (parsed.headerEnd === 0) return raw;
  const lines = raw.subarray(0, parsed.headerEnd).toString("latin1").split(parsed.eol);
  const prefix = `${name.toLowerCase()}:`;
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.toLowerCase().startsWith(prefix) || line.slice(prefix.length).trim() !== "") {
      kept.push(line);
      continue;
    }
    // Its continuation lines: blank ones go with it; one with text means the field is not empty.
    let next = i + 1;
    while (next < lines.length && /^[ \t]+$/.test(lines[next]!)) next++;
    if (next < lines.length && /^[ \t]/.test(lines[next]!)) kept.push(line);
    else i = next - 1;
  }
  if (kept.length === lines.length) return raw;
  return Buffer.concat([Buffer.from(kept.join(parsed.eol), "latin1"), raw.subarray(parsed.headerEnd)]);
}
