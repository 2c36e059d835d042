// An email the relay itself sends to people of a workspace (expiry warnings, alerts): queued as
// a Message of the workspace with no account, so the delivery worker hands it to the smarthost
// or the sink like any other message and the Delivery Logs show it. Call it inside the
// transaction that records why the email was sent, so both commit or neither does.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";

type Tx = Pick<Db, "message">;

export type SystemEmailEnv = { SMTP_PUBLIC_HOST: string };

export type SystemEmail = {
  workspaceId: string;
  recipients: readonly string[];
  subject: string;
  /** Plain-text body lines. */
  body: readonly string[];
  /** What the "accepted" timeline entry says after "250 2.0.0 Ok: ". */
  acceptedNote: string;
  now: Date;
};

/** The workspace's owners and admins with a usable email address, sorted, each once. */
export async function workspaceAdminEmails(db: Pick<Db, "membership">, workspaceId: string, excludeUserIds: readonly string[] = []): Promise<string[]> {
  const members = await db.membership.findMany({
    where: { workspaceId, role: { in: ["owner", "admin"] }, ...(excludeUserIds.length ? { userId: { notIn: [...excludeUserIds] } } : {}) },
    select: { user: { select: { email: true } } },
  });
  return [...new Set(members.map((m) => m.user.email).filter((e): e is string => Boolean(e && /^[^\s@<>]+@[^\s@<>]+$/.test(e))))].sort();
}

/** Queues one message to all recipients; returns its id (null when there is nobody to send to). */
export async function queueSystemEmail(tx: Tx, env: SystemEmailEnv, email: SystemEmail): Promise<string | null> {
  if (email.recipients.length === 0) return null;
  const from = `no-reply@${env.SMTP_PUBLIC_HOST}`;
  const id = `m${email.now.getTime().toString(36)}${randomBytes(10).toString("hex")}`;
  const subject = email.subject.replace(/[\r\n]/g, " ");
  const raw = Buffer.from(
    [
      `From: MigoSMTP <${from}>`,
      `To: ${email.recipients.join(", ")}`,
      `Subject: ${subject}`,
      `Date: ${email.now.toUTCString()}`,
      `Message-ID: <${id}@${env.SMTP_PUBLIC_HOST}>`,
      `MIME-Version: 1.0`,
      `Content-Type: text/plain; charset=utf-8`,
      ``,
      ...email.body,
    ].join("\r\n"),
    "utf8",
  );
  await tx.message.create({
    data: {
      id,
      workspaceId: email.workspaceId,
      accountId: null,
      passwordVersion: 0,
      clientIp: "127.0.0.1",
      envelopeFrom: from,
      headerFrom: from,
      subject,
      messageIdHeader: `<${id}@${env.SMTP_PUBLIC_HOST}>`,
      sizeBytes: raw.length,
      recipientCount: email.recipients.length,
      firstRecipient: email.recipients[0]!,
      raw,
      status: "queued",
      createdAt: email.now,
      recipients: {
        create: email.recipients.map((address) => ({ workspaceId: email.workspaceId, address, domain: address.slice(address.lastIndexOf("@") + 1).toLowerCase(), createdAt: email.now })),
      },
      attempts: { create: { workspaceId: email.workspaceId, outcome: "accepted", reply: `250 2.0.0 Ok: ${email.acceptedNote}`, createdAt: email.now } },
    },
  });
  return id;
}
