// Upstream delivery, send rate limits and the batched lastUsedAt flush, in-process against a
// migrated temp database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). The upstream is a second smtp-server on loopback.
import { testSmarthost, type SmarthostReply } from "./test-smarthost";
import nodemailer from "nodemailer";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { databaseKinds } from "../lib/testing/test-database";
import { createLastUsedTracker, type LastUsedTracker } from "./last-used";
import { createLoginEventWriter, type LoginEventWriter } from "./login-events";
import { createRelayStore } from "./create-relay-store";
import type { RelayStore } from "./relay-store";
import { createRelay, type Relay } from "./server";
import { createTestAccount, createTestbedOn, freePort, seedWorkspace, type Creds, type Testbed } from "./testbed";
import { startDeliveryWorker } from "./delivery-worker";
import { startHousekeeping } from "./housekeeping";
import { ROLLUP_CURSOR } from "../lib/charts/volume-rollup";

let bed: Testbed;
let db: Db;
let store: RelayStore;
let relay: Relay;
let lastUsed: LastUsedTracker;
let loginEvents: LoginEventWriter;
let dropDatabase: (() => Promise<void>) | undefined;
let ports: { starttls: number; tls: number };
let where: { workspaceId: string; domainId: string };
const logger = pino({ level: "silent" });

for (const kind of databaseKinds()) describe(`delivery on ${kind}`, () => {
  beforeAll(async () => {
    ({ bed, db, drop: dropDatabase } = await createTestbedOn(kind, { LOG_LEVEL: "silent" }));
    where = await seedWorkspace(db);
    store = await createRelayStore(bed.env, db);
    lastUsed = createLastUsedTracker(store, { intervalMs: 200 });
    loginEvents = createLoginEventWriter(db, { intervalMs: 100 });
    relay = createRelay({ env: bed.env, db, store, logger, lastUsed, loginEvents, shutdownGraceMs: 2000 });
    await relay.listen();
    ports = relay.ports();
  }, 120_000);

  afterAll(async () => {
    await relay?.close();
    await lastUsed?.stop();
    await loginEvents?.stop();
    await store?.close();
    await dropDatabase?.();
  });

  function transport(creds: Creds) {
    return nodemailer.createTransport({
      host: "127.0.0.1",
      port: ports.starttls,
      secure: false,
      requireTLS: true,
      auth: { user: creds.username, pass: creds.password },
      tls: { ca: [bed.certPem], servername: "localhost" },
    });
  }

  async function send(creds: Creds, subject: string, to = ["alice@example.com", "bob@example.net"], envelopeFrom?: string): Promise<string> {
    const envelope = envelopeFrom ? { from: envelopeFrom, to } : undefined;
    const info = await transport(creds).sendMail({ from: "app@acme.test", to, subject, text: `body of ${subject}`, envelope });
    return /queued as (\S+)$/.exec(info.response)![1]!;
  }

  /** A loopback smarthost: accepts everything, or refuses every recipient with `rcptReply`. */
  const upstream = (port: number, options: { rcptReply?: SmarthostReply } = {}) => testSmarthost({ port, refuse: () => options.rcptReply ?? null });

  /** Sends one message from a new account through a worker delivering to `up`, waits for `status`, then runs `check`. */
  async function sendThrough(up: ReturnType<typeof upstream>, subject: string, to: string[], status: string, check: (id: string, up: ReturnType<typeof upstream>) => Promise<void>, envelopeFrom?: string) {
    await up.listen();
    const worker = startDeliveryWorker({ env: { ...bed.env, RELAY_UPSTREAM_URL: `smtp://127.0.0.1:${up.port()}` }, db, store, logger, idlePollMs: 100 });
    try {
      const id = await send(await createTestAccount(db, bed.env, where), subject, to, envelopeFrom);
      worker.wake();
      await expect.poll(async () => (await db.message.findUnique({ where: { id } }))?.status, { timeout: 10_000 }).toBe(status);
      await check(id, up);
    } finally {
      await worker.stop();
      await up.close();
    }
  }

  describe("upstream delivery", () => {
    it("defers while the upstream is down, then delivers when it is back", async () => {
      const port = await freePort();
      const worker = startDeliveryWorker({ env: { ...bed.env, RELAY_UPSTREAM_URL: `smtp://127.0.0.1:${port}` }, db, store, logger, retryBaseMs: 400, idlePollMs: 100 });
      const up = upstream(port);
      try {
        const creds = await createTestAccount(db, bed.env, where);
        const id = await send(creds, "while down");
        worker.wake();
        await expect.poll(async () => (await db.message.findUnique({ where: { id } }))?.status, { timeout: 10_000 }).toBe("deferred");
        const deferred = await db.message.findUniqueOrThrow({ where: { id } });
        expect(deferred.lastReply).toMatch(/^upstream unavailable: (ECONNECTION|ESOCKET|ECONNREFUSED)/);
        expect(deferred.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() - 1000);
        await up.listen();
        await expect.poll(async () => (await db.message.findUnique({ where: { id } }))?.status, { timeout: 15_000 }).toBe("delivered");
        const attempts = await db.deliveryAttempt.findMany({ where: { messageId: id }, orderBy: { createdAt: "asc" } });
        expect(attempts[0]!.outcome).toBe("accepted");
        expect(attempts.at(-1)).toMatchObject({ outcome: "delivered", upstream: `smtp://127.0.0.1:${port}` });
        expect(attempts.slice(1, -1).every((a) => a.outcome === "deferred")).toBe(true);
        expect(attempts.length).toBeGreaterThanOrEqual(3);
        expect(up.received).toHaveLength(1);
        expect(up.received[0]).toMatchObject({ from: "app@acme.test", to: ["alice@example.com", "bob@example.net"] });
        expect(up.received[0]!.raw).toContain("Subject: while down");
        expect(up.received[0]!.raw.startsWith("Received: from ")).toBe(true);
        const message = await db.message.findUniqueOrThrow({ where: { id } });
        expect(message.lastReply).toContain("Ok: upstream queued");
        expect(message.deliveredAt).not.toBeNull();
      } finally {
        await worker.stop();
        await up.close();
      }
    });

    it("delivers to a local part's capitals as the client wrote them, and logs the address in lower case for filters", async () => {
      await sendThrough(upstream(0), "case kept", ["John.Doe@Example.COM", "carol@example.org"], "delivered", async (id, up) => {
        expect(up.received.at(-1)!.to).toEqual(["John.Doe@example.com", "carol@example.org"]);
        const recipients = await db.messageRecipient.findMany({ where: { messageId: id }, orderBy: { address: "asc" } });
        // A lower-case address has no spelling of its own to keep.
        expect(recipients.map((r) => [r.address, r.mailbox])).toEqual([
          ["carol@example.org", null],
          ["john.doe@example.com", "John.Doe@example.com"],
        ]);
      });
    });

    it("sends MAIL FROM upstream with its local part's capitals (a bounce token may be case-sensitive), and logs it in lower case", async () => {
      await sendThrough(
        upstream(0),
        "sender case kept",
        ["carol@example.org"],
        "delivered",
        async (id, up) => {
          expect(up.received.at(-1)!.from).toBe("Bounces+AbC9xY@acme.test");
          expect(await db.message.findUniqueOrThrow({ where: { id }, select: { envelopeFrom: true, envelopeMailbox: true } })).toEqual({
            envelopeFrom: "bounces+abc9xy@acme.test",
            envelopeMailbox: "Bounces+AbC9xY@acme.test",
          });
        },
        "Bounces+AbC9xY@ACME.test",
      );
    });

    it("bounces on a 5xx with the upstream's reply", async () => {
      // Addresses of its own: a hard bounce puts them on the suppression list (relay/suppression.integration.test.ts).
      await sendThrough(upstream(0, { rcptReply: { code: 550, text: "5.1.1 No such user here" } }), "to nobody", ["nobody@example.com"], "bounced", async (id, up) => {
        const message = await db.message.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { createdAt: "asc" } } } });
        expect(message.lastReply).toContain("550 5.1.1 No such user here");
        expect(message.attempts.map((a) => a.outcome)).toEqual(["accepted", "bounced"]);
        expect(up.received).toHaveLength(0);
      });
    });

    it("two workers never deliver a message twice, although delivering takes longer than a claim lasts", async () => {
      // A slow upstream (1 s per message) and claims of 300 ms: the worker delivering must keep
      // its claims alive, or the other one (polling every 100 ms) takes them over and sends again.
      const up = testSmarthost({ dataDelayMs: 1000 });
      await up.listen();
      const env = { ...bed.env, RELAY_UPSTREAM_URL: `smtp://127.0.0.1:${up.port()}` };
      const workers = [1, 2].map(() => startDeliveryWorker({ env, db, store, logger, claimMs: 300, idlePollMs: 100 }));
      try {
        const creds = await createTestAccount(db, bed.env, where);
        const subjects = ["slow one", "slow two", "slow three"];
        const ids = await Promise.all(subjects.map((subject) => send(creds, subject)));
        for (const worker of workers) worker.wake();
        await expect.poll(async () => db.message.count({ where: { id: { in: ids }, status: "delivered" } }), { timeout: 20_000 }).toBe(3);
        await new Promise((r) => setTimeout(r, 1500)); // a second send would land by now
        const times = subjects.map((subject) => up.received.filter((m) => m.raw.includes(`Subject: ${subject}\r\n`)).length);
        expect(times, "times each message reached the upstream").toEqual([1, 1, 1]);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await up.close();
      }
    });

    it("never claims a held message", async () => {
      const creds = await createTestAccount(db, bed.env, where);
      const id = await send(creds, "held");
      await db.message.update({ where: { id }, data: { status: "held" } });
      const claimed = await store.claim("test-instance", new Date(), 1000, 1000);
      expect(claimed.map((m) => m.id)).not.toContain(id);
      await store.releaseClaims("test-instance");
    });
  });

  describe("send rate limits", () => {
    it("answers 451 4.7.1 past the account's per-minute limit, and stores nothing more", async () => {
      const creds = await createTestAccount(db, bed.env, where, { sendLimitPerMinute: 3 });
      // Stay clear of a minute boundary, where the fixed window starts over.
      if (new Date().getSeconds() > 50) await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
      const t = transport(creds);
      for (let i = 0; i < 3; i++) await t.sendMail({ from: "app@acme.test", to: "a@example.com", subject: `ok ${i}`, text: "x" });
      const error = await t.sendMail({ from: "app@acme.test", to: "a@example.com", subject: "one too many", text: "x" }).then(
        () => null,
        (e: { responseCode?: number; response?: string }) => e,
      );
      expect(error?.responseCode).toBe(451);
      expect(error?.response).toMatch(/^451 4\.7\.1 Sending rate limit reached: this account may send 3 messages per minute; try again in \d+ seconds$/);
      expect(await db.message.count({ where: { accountId: creds.id } })).toBe(3);
    });

    it("falls back to the workspace default", async () => {
      const ws = await seedWorkspace(db, { minute: 1 });
      const creds = await createTestAccount(db, bed.env, ws);
      if (new Date().getSeconds() > 55) await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
      const t = transport(creds);
      await t.sendMail({ from: "app@acme.test", to: "a@example.com", subject: "first", text: "x" });
      await expect(t.sendMail({ from: "app@acme.test", to: "a@example.com", subject: "second", text: "x" })).rejects.toMatchObject({ responseCode: 451 });
    });
  });

  describe("batched LoginEvents", () => {
    it("records a successful AUTH shortly after it, never with the password", async () => {
      const creds = await createTestAccount(db, bed.env, where);
      await expect(transport(creds).verify()).resolves.toBe(true);
      await expect.poll(async () => db.loginEvent.findMany({ where: { accountId: creds.id } }), { timeout: 5000 }).toMatchObject([
        { success: true, method: "PLAIN", clientIp: "127.0.0.1", passwordVersion: 1, reason: null },
      ]);
      expect(JSON.stringify(await db.loginEvent.findMany({ where: { accountId: creds.id } }))).not.toContain(creds.password);
    });
  });

  describe("lastUsedAt", () => {
    it("is flushed in batches after AUTH and sends", async () => {
      const creds = await createTestAccount(db, bed.env, where);
      const before = Date.now();
      await send(creds, "touch");
      await expect.poll(async () => (await db.smtpAccount.findUnique({ where: { id: creds.id } }))?.lastUsedAt?.getTime() ?? 0, { timeout: 5000 }).toBeGreaterThanOrEqual(before - 5);
    });
  });

  describe("housekeeping", () => {
    it("prunes messages, login events and the charts' hourly and daily counts older than the retention period", async () => {
      const old = new Date(Date.now() - (bed.env.MESSAGE_RETENTION_DAYS + 1) * 86_400_000);
      const message = await db.message.create({
        data: {
          workspaceId: where.workspaceId,
          passwordVersion: 1,
          clientIp: "127.0.0.1",
          envelopeFrom: "old@acme.test",
          sizeBytes: 10,
          recipientCount: 1,
          firstRecipient: "x@example.com",
          status: "delivered",
          createdAt: old,
        },
      });
      const login = await db.loginEvent.create({ data: { username: "smtpuser_00000000", clientIp: "127.0.0.1", method: "PLAIN", success: false, createdAt: old } });
      const counted = { workspaceId: where.workspaceId, accountId: "*", kind: "accepted", hour: new Date(Math.floor(old.getTime() / 3_600_000) * 3_600_000 - 3_600_000) };
      await db.volumeHour.create({ data: { ...counted, count: 1 } });
      const dayRow = { workspaceId: where.workspaceId, accountId: "acct_pruned", day: new Date(Math.floor(old.getTime() / 86_400_000) * 86_400_000 - 86_400_000) };
      await db.volumeDay.create({ data: { ...dayRow, count: 1, total: 1 } });
      const housekeeping = startHousekeeping({ env: bed.env, db, logger, pollMs: 100 });
      try {
        await expect.poll(async () => (await db.message.findUnique({ where: { id: message.id } })) === null, { timeout: 10_000 }).toBe(true);
        // Pruned by a statement of its own, after the messages'.
        await expect.poll(async () => (await db.loginEvent.findUnique({ where: { id: login.id } })) === null, { timeout: 10_000 }).toBe(true);
        await expect.poll(async () => db.volumeHour.count({ where: counted }), { timeout: 10_000 }).toBe(0);
        await expect.poll(async () => db.volumeDay.count({ where: dayRow }), { timeout: 10_000 }).toBe(0);
      } finally {
        await housekeeping.stop();
      }
    });

    it("rolls the closed hours of mail up into the charts' hourly counts, from the oldest message on", async () => {
      // As on a database the rollup has never seen (an earlier pass here may have closed these hours already).
      await db.tailCursor.deleteMany({ where: { name: ROLLUP_CURSOR } });
      await db.volumeHour.deleteMany({});
      await db.volumeDay.deleteMany({});
      const twoHoursAgo = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000 + 60_000);
      await db.message.create({
        data: { workspaceId: where.workspaceId, passwordVersion: 1, clientIp: "127.0.0.1", envelopeFrom: "rollup@acme.test", sizeBytes: 10, recipientCount: 1, firstRecipient: "x@example.com", status: "delivered", createdAt: twoHoursAgo },
      });
      const housekeeping = startHousekeeping({ env: bed.env, db, logger, pollMs: 100 });
      try {
        const hour = new Date(twoHoursAgo.getTime() - 60_000);
        await expect.poll(async () => (await db.volumeHour.findUnique({ where: { workspaceId_accountId_kind_hour: { workspaceId: where.workspaceId, accountId: "*", kind: "accepted", hour } } }))?.count ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      } finally {
        await housekeeping.stop();
      }
    });
  });
});
