// Durable acceptance: the message, its recipients and the "accepted" timeline entry are written
// in one transaction, together with the last re-check of the credential; the client hears 250
// only after that transaction committed.
// Later: group commit (batch several messages per transaction) — see STACK-NOTES write numbers.
import { randomBytes } from "node:crypto";
import type { Db } from "../lib/db";
import { addressesOf, appendHeaders, decodeMimeWords, headerValue, parseHeaders, prependHeaders, receivedHeader } from "./message";
import { checkCredentialCurrent, checkHeaderFrom, domainOf, normaliseAddress, type SenderAccount } from "./policy";
import { queuedReply, REPLY, replyLine, type SmtpReply } from "./replies";

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

const SENDER_ACCOUNT_SELECT = {
  id: true,
  status: true,
  passwordVersion: true,
  workspaceId: true,
  fromAddress: true,
  domain: { select: { name: true, status: true, workspaceId: true } },
} as const;

type AccountReader = Pick<Db, "smtpAccount">;

export async function loadSenderAccount(db: AccountReader, accountId: string): Promise<SenderAccount | null> {
  return db.smtpAccount.findUnique({ where: { id: accountId }, select: SENDER_ACCOUNT_SELECT });
}

/** Sortable, unguessable message id (time prefix + 80 random bits). */
export function newMessageId(now: Date = new Date()): string {
  return `m${now.getTime().toString(36)}${randomBytes(10).toString("hex")}`;
}

export type AcceptInput = {
  db: Db;
  session: RelaySession;
  envelopeFrom: string;
  recipients: string[];
  raw: Buffer;
  publicHost: string;
  now?: Date;
};

export type AcceptResult = { ok: true; messageId: string; reply: SmtpReply } | { ok: false; reply: SmtpReply; error?: unknown };

export async function acceptMessage(input: AcceptInput): Promise<AcceptResult> {
  const { db, session } = input;
  const now = input.now ?? new Date();
  const id = newMessageId(now);
  const recipients = [...new Set(input.recipients.map(normaliseAddress))];
  const firstRecipient = recipients[0] ?? "";

  const parsed = parseHeaders(input.raw);
  const fromValue = headerValue(parsed.fields, "From");
  const fromAddresses = fromValue ? addressesOf(fromValue) : [];
  const subjectValue = headerValue(parsed.fields, "Subject");
  let messageIdHeader = headerValue(parsed.fields, "Message-ID");

  let raw = input.raw;
  if (!messageIdHeader) {
    messageIdHeader = `<${id}@${input.publicHost}>`;
    raw = appendHeaders(raw, parsed, `Message-ID: ${messageIdHeader}${parsed.eol}`);
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
        envelopeTo: recipients.length === 1 ? firstRecipient : null,
        date: now,
      },
      parsed.eol,
    ),
  );

  const accepted = queuedReply(id);
  try {
    const rejection = await db.$transaction(async (tx) => {
      const account = await loadSenderAccount(tx, session.accountId);
      const current = checkCredentialCurrent(session.passwordVersion, account);
      if (!current.ok) return current.reply;
      const from = checkHeaderFrom(account!, fromAddresses);
      if (!from.ok) return from.reply;

      await tx.message.create({
        data: {
          id,
          workspaceId: account!.workspaceId,
          accountId: account!.id,
          passwordVersion: session.passwordVersion,
          clientIp: session.clientIp,
          clientHostname: session.clientHostname,
          tlsProtocol: session.tlsProtocol,
          tlsCipher: session.tlsCipher,
          envelopeFrom: normaliseAddress(input.envelopeFrom),
          headerFrom: fromValue ? decodeMimeWords(fromValue).slice(0, 998) : null,
          subject: subjectValue !== undefined ? decodeMimeWords(subjectValue).slice(0, 998) : null,
          messageIdHeader: messageIdHeader!.slice(0, 998),
          sizeBytes: raw.length,
          recipientCount: recipients.length,
          firstRecipient,
          // Buffer.concat allocates a plain ArrayBuffer, never a SharedArrayBuffer.
          raw: raw as Uint8Array<ArrayBuffer>,
          status: "queued",
          createdAt: now,
          recipients: {
            createMany: {
              data: recipients.map((address) => ({ workspaceId: account!.workspaceId, address, domain: domainOf(address), createdAt: now })),
            },
          },
          attempts: {
            create: { workspaceId: account!.workspaceId, outcome: "accepted", reply: replyLine(accepted), createdAt: now },
          },
        },
        select: { id: true },
      });
      return null;
    });
    if (rejection) return { ok: false, reply: rejection };
    return { ok: true, messageId: id, reply: accepted };
  } catch (error) {
    return { ok: false, reply: REPLY.storageFailure, error };
  }
}
