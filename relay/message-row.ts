// The Message row a commit writes for an accepted message: one mapping shared by both stores
// (each adds the columns it encodes its own way: raw bytes, status, createdAt).
import type { PreparedMessage } from "./batch";

export function messageColumns(m: PreparedMessage, workspaceId: string) {
  return {
    id: m.id,
    workspaceId,
    accountId: m.accountId,
    passwordVersion: m.passwordVersion,
    clientIp: m.clientIp,
    clientHostname: m.clientHostname,
    tlsProtocol: m.tlsProtocol,
    tlsCipher: m.tlsCipher,
    envelopeFrom: m.envelopeFrom,
    envelopeMailbox: m.envelopeMailbox,
    headerFrom: m.headerFrom,
    subject: m.subject,
    messageIdHeader: m.messageIdHeader,
    sizeBytes: m.raw.length,
    recipientCount: m.recipients.length,
    firstRecipient: m.recipients[0]?.address ?? "",
  };
}
