// Writes a demo workspace's few days of traffic (lib/demo/traffic.ts): messages with their
// recipients and timelines, SMTP login events and audit events, back-dated from `now`.
// Seeded once per workspace: the "demo.traffic.seed" audit event it writes last (in the same
// transaction) marks it done, so re-running never duplicates it nor brings back what an admin
// deleted.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { DEMO_SUBJECT_PREFIX, DEMO_TRAFFIC, DEMO_UPSTREAM, type DemoMessage } from "../demo/traffic";

export const DEMO_TRAFFIC_SEEDED = "demo.traffic.seed";

/**
 * A still-deferred demo message is retried this long after the seed: an hour is the relay's
 * longest retry delay, and it keeps the worker away while tests (and a first look) run. When it
 * comes due in demo mode the retry succeeds into the local sink, as a real one would.
 */
export const DEMO_RETRY_DELAY_MS = 3_600_000;

const HOUR = 3_600_000;

type Account = { id: string; username: string; passwordVersion: number };

const id = (prefix: string) => `${prefix}${randomBytes(10).toString("hex")}`;
const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);

function rawMessage(m: DemoMessage, subject: string, messageIdHeader: string, at: Date): Buffer {
  return Buffer.from(
    [
      `From: ${m.from}`,
      `To: ${m.to.join(", ")}`,
      `Subject: ${subject}`,
      `Date: ${at.toUTCString()}`,
      `Message-ID: ${messageIdHeader}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "This is demo data seeded by MigoSMTP's demo mode.",
      "",
    ].join("\r\n"),
  );
}

/** The message's timeline and final state, from its story. */
function delivery(m: DemoMessage, messageId: string, at: Date, now: Date) {
  const after = (ms: number) => new Date(at.getTime() + ms);
  const accepted = { outcome: "accepted", reply: `250 2.0.0 Ok: queued as ${messageId}`, upstream: null, durationMs: null, createdAt: at };
  const tried = (outcome: string, reply: string, when: Date) => ({ outcome, reply, upstream: DEMO_UPSTREAM, durationMs: 180 + (when.getTime() % 400), createdAt: when });
  const ok = (when: Date) => tried("delivered", `250 2.0.0 Ok: queued as ${messageId.slice(-10).toUpperCase()}`, when);
  switch (m.story) {
    case "delivered": {
      const done = after(2_000);
      return { status: "delivered", attempts: [accepted, ok(done)], deliveredAt: done, nextAttemptAt: null };
    }
    case "greylisted": {
      const done = after(6 * 60_000);
      return { status: "delivered", attempts: [accepted, tried("deferred", m.reply!, after(2_000)), ok(done)], deliveredAt: done, nextAttemptAt: null };
    }
    case "bounced":
      return { status: "bounced", attempts: [accepted, tried("bounced", m.reply!, after(2_000))], deliveredAt: null, nextAttemptAt: null };
    case "deferred":
      return {
        status: "deferred",
        attempts: [accepted, tried("deferred", m.reply!, after(2_000)), tried("deferred", m.reply!, after(62_000)), tried("deferred", m.reply!, after(182_000))],
        deliveredAt: null,
        nextAttemptAt: new Date(now.getTime() + DEMO_RETRY_DELAY_MS),
      };
    case "held":
      return {
        status: "held",
        attempts: [accepted, { outcome: "held", reply: "held for review before delivery (demo data): not delivered until released", upstream: null, durationMs: null, createdAt: after(1_000) }],
        deliveredAt: null,
        nextAttemptAt: null,
      };
  }
}

export async function seedDemoTraffic(
  db: Db,
  { workspaceId, slug, accounts, users, now = new Date() }: { workspaceId: string; slug: string; accounts: Map<string, Account>; users: Map<string, string>; now?: Date },
): Promise<boolean> {
  const traffic = DEMO_TRAFFIC[slug];
  if (!traffic) return false;
  if (await db.auditEvent.findFirst({ where: { workspaceId, action: DEMO_TRAFFIC_SEEDED }, select: { id: true } })) return false;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const account = (label: string) => {
    const found = accounts.get(label);
    if (!found) throw new Error(`demo traffic names an account the demo does not have: ${label}`);
    return found;
  };

  // A few hundred rows, once; on a busy machine that takes longer than Prisma's default 5 s.
  await db.$transaction(async (tx) => {
    for (const m of traffic.messages) {
      const a = account(m.account);
      const createdAt = at(m.hoursAgo);
      const messageId = id("mdemo");
      const subject = `${DEMO_SUBJECT_PREFIX}${m.subject}`;
      const messageIdHeader = `<${messageId}@demo.migosmtp.invalid>`;
      const raw = rawMessage(m, subject, messageIdHeader, createdAt);
      const d = delivery(m, messageId, createdAt, now);
      await tx.message.create({
        data: {
          id: messageId,
          workspaceId,
          accountId: a.id,
          passwordVersion: a.passwordVersion,
          clientIp: m.ip,
          tlsProtocol: "TLSv1.3",
          tlsCipher: "TLS_AES_256_GCM_SHA384",
          envelopeFrom: m.from,
          headerFrom: m.from,
          subject,
          messageIdHeader,
          sizeBytes: raw.length,
          recipientCount: m.to.length,
          firstRecipient: m.to[0]!,
          raw: raw as Uint8Array<ArrayBuffer>,
          status: d.status,
          lastReply: d.attempts.at(-1)!.reply,
          attemptCount: d.attempts.length - 1,
          nextAttemptAt: d.nextAttemptAt,
          createdAt,
          deliveredAt: d.deliveredAt,
        },
      });
      await tx.messageRecipient.createMany({ data: m.to.map((address) => ({ messageId, workspaceId, address, domain: domainOf(address), createdAt })) });
      await tx.deliveryAttempt.createMany({ data: d.attempts.map((attempt) => ({ messageId, workspaceId, ...attempt })) });
    }
    await tx.loginEvent.createMany({
      data: traffic.logins.map((l) => {
        const a = account(l.account);
        return {
          workspaceId,
          accountId: a.id,
          username: a.username,
          clientIp: l.ip,
          tlsProtocol: "TLSv1.3",
          method: "PLAIN",
          passwordVersion: l.success ? a.passwordVersion : null,
          success: l.success,
          reason: l.success ? null : "bad_credentials",
          createdAt: at(l.hoursAgo),
        };
      }),
    });
    // The demo accounts were used by that traffic: "last used" is its latest send or good login.
    const lastUse = new Map<string, Date>();
    const used = (label: string, hoursAgo: number) => {
      const { id: accountId } = account(label);
      if ((lastUse.get(accountId)?.getTime() ?? 0) < at(hoursAgo).getTime()) lastUse.set(accountId, at(hoursAgo));
    };
    for (const m of traffic.messages) used(m.account, m.hoursAgo);
    for (const l of traffic.logins) if (l.success) used(l.account, l.hoursAgo);
    for (const [accountId, lastUsedAt] of lastUse) await tx.smtpAccount.update({ where: { id: accountId, workspaceId }, data: { lastUsedAt } });
    await tx.auditEvent.createMany({
      data: traffic.audit.map((e) => {
        const target = e.account ? { targetType: "smtp_account", targetId: account(e.account).id, targetLabel: e.account } : {};
        return {
          workspaceId,
          actorId: e.actor ? (users.get(e.actor) ?? null) : null,
          actorEmail: e.actor,
          action: e.action,
          ...target,
          ip: e.ip,
          userAgent: e.actor ? "Mozilla/5.0 (demo data)" : null,
          metadata: JSON.stringify({ ...e.metadata, demo: true }),
          createdAt: at(e.hoursAgo),
        };
      }),
    });
    await tx.auditEvent.create({
      data: { workspaceId, action: DEMO_TRAFFIC_SEEDED, metadata: JSON.stringify({ demo: true, messages: traffic.messages.length, loginEvents: traffic.logins.length }), createdAt: now },
    });
  }, { timeout: 120_000 });
  return true;
}
