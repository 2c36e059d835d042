// One message of the delivery log with its timeline (DeliveryAttempt rows) and, while the raw
// message is still stored, its header fields. A message of another workspace is NOT_FOUND.
import type { Db } from "../db";
import { requireMessage } from "../tenancy/loaders";

const MAX_HEADER_BYTES = 64 * 1024;
const MAX_HEADERS = 200;

export type HeaderField = { name: string; value: string };

/** The header block of a raw RFC 5322 message: unfolded fields in order, bounded. */
export function parseHeaderFields(raw: Uint8Array): HeaderField[] {
  const head = Buffer.from(raw.subarray(0, MAX_HEADER_BYTES)).toString("utf8");
  const end = head.search(/\r?\n\r?\n/);
  const block = end === -1 ? head : head.slice(0, end);
  const fields: HeaderField[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const i = line.indexOf(":");
    if (i <= 0) continue;
    if (fields.length >= MAX_HEADERS) break;
    fields.push({ name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
  }
  return fields;
}

export async function getMessage({ db, workspaceId, messageId }: { db: Db; workspaceId: string; messageId: string }) {
  const message = await requireMessage(db, workspaceId, messageId, {
    id: true,
    createdAt: true,
    deliveredAt: true,
    accountId: true,
    account: { select: { label: true, username: true, passwordVersion: true } },
    passwordVersion: true,
    clientIp: true,
    clientHostname: true,
    tlsProtocol: true,
    tlsCipher: true,
    envelopeFrom: true,
    headerFrom: true,
    subject: true,
    messageIdHeader: true,
    sizeBytes: true,
    recipientCount: true,
    status: true,
    lastReply: true,
    attemptCount: true,
    nextAttemptAt: true,
    incidentId: true,
    raw: true,
    recipients: { select: { address: true }, orderBy: { address: "asc" }, take: 200 },
    attempts: { select: { id: true, outcome: true, reply: true, upstream: true, durationMs: true, duplicate: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: 200 },
  });
  const { raw, ...rest } = message;
  return { ...rest, headers: raw ? parseHeaderFields(raw) : null };
}

export type MessageDetail = Awaited<ReturnType<typeof getMessage>>;
