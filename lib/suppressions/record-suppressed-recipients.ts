// The delivery-log entries of RCPT TOs the relay refused because the address is suppressed: one
// Message row each (status "suppressed", no raw message, the recipient and the 550 reply), with
// its MessageRecipient (so the recipient filter finds it) and a "suppressed" step in its
// timeline. Written in batches, after the reply has gone out (relay/suppressed-log.ts).
import type { Db } from "../db";
import { newRowId } from "../row-id";

export type SuppressedRecipient = {
  workspaceId: string;
  accountId: string;
  passwordVersion: number;
  clientIp: string;
  clientHostname: string | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  envelopeFrom: string;
  /** The normalised address refused. */
  address: string;
  /** The whole reply line sent ("550 5.1.1 …"). */
  reply: string;
  at: Date;
};

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

export async function recordSuppressedRecipients(db: Db, entries: readonly SuppressedRecipient[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({ ...e, id: newRowId(e.at.getTime()) }));
  // An interactive transaction, not an array batch: Prisma caches a compiled plan per batch shape.
  await db.$transaction(async (tx) => {
    await tx.message.createMany({
      data: rows.map((e) => ({
        id: e.id,
        workspaceId: e.workspaceId,
        accountId: e.accountId,
        passwordVersion: e.passwordVersion,
        clientIp: e.clientIp,
        clientHostname: e.clientHostname,
        tlsProtocol: e.tlsProtocol,
        tlsCipher: e.tlsCipher,
        envelopeFrom: e.envelopeFrom,
        sizeBytes: 0,
        recipientCount: 1,
        firstRecipient: e.address,
        raw: null,
        status: "suppressed",
        lastReply: e.reply,
        createdAt: e.at,
      })),
    });
    await tx.messageRecipient.createMany({
      data: rows.map((e) => ({ id: newRowId(e.at.getTime()), messageId: e.id, workspaceId: e.workspaceId, address: e.address, domain: domainOf(e.address), createdAt: e.at })),
    });
    await tx.deliveryAttempt.createMany({
      data: rows.map((e) => ({ id: newRowId(e.at.getTime()), messageId: e.id, workspaceId: e.workspaceId, outcome: "suppressed", reply: e.reply, createdAt: e.at })),
    });
  });
}
