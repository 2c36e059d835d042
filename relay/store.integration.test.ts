// The relay store contract on both databases: SQLite (better-sqlite3 hot path) always, and
// PostgreSQL (Prisma, FOR SHARE / SKIP LOCKED) when TEST_DATABASE_URL names a server where the
// role may CREATE DATABASE. Rows written by the store must read back through Prisma exactly.
import fs from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import type { PreparedMessage } from "./batch";
import { createRelayStore } from "./create-relay-store";
import { Prisma } from "../lib/generated/sqlite/client";
import { sqliteDate } from "../lib/sqlite-date";
import { CLAIM_SQL } from "./store-sqlite";
import { claimStatement } from "./store-prisma";
import { BOOKKEEPING_CHUNK } from "./store-sqlite-thread";
import type { RelayStore } from "./relay-store";
import { prepareMessage, type PrepareInput } from "./prepare-message";
import { testSession } from "./test-session";
import { counterKeys, prismaAuthReads } from "../lib/smtp-accounts/authenticate";
import { createTestAccount, createTestbed, createTestbedOn, seedWorkspace, type Testbed } from "./testbed";

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

function prepared(accountId: string, passwordVersion: number, subject: string, from = "app@acme.test"): PreparedMessage {
  return prepareMessage(preparedInput(accountId, passwordVersion, subject, from));
}

function preparedInput(accountId: string, passwordVersion: number, subject: string, from = "app@acme.test"): PrepareInput {
  return {
    session: testSession(accountId, passwordVersion),
    envelopeFrom: from,
    recipients: ["Alice@Example.com", "bob@other.test"],
    raw: Buffer.from(`From: ${from}\r\nSubject: ${subject}\r\n\r\nbody \u00e9\u0000\xff\r\n`, "latin1"),
    publicHost: "relay.test",
  };
}

/** The claim statement's plan, as the database prints it (PostgreSQL's with sequential scans off: the test data is small). */
type ClaimPlan = (now: Date) => Promise<string>;

function contract(name: string, setup: () => Promise<{ bed: Testbed; db: Db; store: RelayStore; claimPlan: ClaimPlan; cleanup: () => Promise<void> }>) {
  describe(name, () => {
    let ctx: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      ctx = await setup();
    }, 120_000);
    afterAll(async () => ctx?.cleanup());

    it("commits a batch: current credentials stored, replaced ones 535, rate overflow 451 4.7.1", async () => {
      const { db, store, bed } = ctx;
      const where = await seedWorkspace(db);
      const a = await createTestAccount(db, bed.env, where);
      const limited = await createTestAccount(db, bed.env, where, { sendLimitPerMinute: 1 });
      const batch = [prepared(a.id, 1, "ok"), prepared(a.id, 0, "stale"), prepared(limited.id, 1, "first"), prepared(limited.id, 1, "second"), prepared("missing", 1, "x")];
      const outcomes = await store.commitBatch(batch, new Date());
      expect(outcomes.map((o) => (o.ok ? 250 : o.reply.code))).toEqual([250, 535, 250, 451, 535]);

      const stored = await db.message.findUniqueOrThrow({ where: { id: batch[0]!.id }, include: { recipients: true, attempts: true } });
      expect(stored).toMatchObject({
        workspaceId: where.workspaceId,
        accountId: a.id,
        status: "queued",
        passwordVersion: 1,
        envelopeFrom: "app@acme.test",
        subject: "ok",
        recipientCount: 2,
        firstRecipient: "alice@example.com",
        tlsProtocol: "TLSv1.3",
        attemptCount: 0,
        claimedUntil: null,
      });
      expect(stored.createdAt.getTime()).toBe(batch[0]!.createdAt.getTime());
      expect(Buffer.from(stored.raw!).equals(batch[0]!.raw)).toBe(true);
      expect(stored.recipients.map((r) => r.address).sort()).toEqual(["alice@example.com", "bob@other.test"]);
      // The recipient filters page by the recipient's createdAt and show the message's: they must be equal.
      expect(stored.recipients.map((r) => r.createdAt.getTime())).toEqual([stored.createdAt.getTime(), stored.createdAt.getTime()]);
      expect(stored.attempts).toMatchObject([{ outcome: "accepted", reply: `250 2.0.0 Ok: queued as ${batch[0]!.id}` }]);
      expect(await db.message.count({ where: { id: { in: [batch[1]!.id, batch[3]!.id, batch[4]!.id] } } })).toBe(0);
      // PostgreSQL writes a batch's rows before its counters and deletes what the limits refuse: nothing of it may stay.
      expect(await db.messageRecipient.count({ where: { messageId: batch[3]!.id } })).toBe(0);
      expect(await db.deliveryAttempt.count({ where: { messageId: batch[3]!.id } })).toBe(0);
      const counter = await db.rateCounter.findFirstOrThrow({ where: { key: `smtp-send:${limited.id}:minute` } });
      expect(counter.count).toBe(1);
      // Prisma finds the message by a DateTime range, so the stored format is the one it writes.
      expect(await db.message.count({ where: { id: batch[0]!.id, createdAt: { gte: new Date(batch[0]!.createdAt.getTime() - 1), lte: batch[0]!.createdAt } } })).toBe(1);
    });

    it("stores a message whose Subject, From name and Message-ID carry NUL characters, and the rest of its batch", async () => {
      const { db, store, bed } = ctx;
      const where = await seedWorkspace(db);
      const a = await createTestAccount(db, bed.env, where);
      const nul = prepareMessage({
        ...preparedInput(a.id, 1, "=?utf-8?Q?a=00b?="),
        raw: Buffer.from("From: =?utf-8?Q?x=00y?= <app@acme.test>\r\nSubject: =?utf-8?Q?a=00b?=\r\nMessage-ID: <n\u0000l@x>\r\n\r\nbody\r\n", "latin1"),
        envelopeFrom: "app@acme.test",
      });
      const batch = [prepared(a.id, 1, "before"), nul, prepared(a.id, 1, "after")];
      const outcomes = await store.commitBatch(batch, new Date());
      expect(outcomes.map((o) => (o.ok ? 250 : o.reply.code))).toEqual([250, 250, 250]);
      const stored = await db.message.findUniqueOrThrow({ where: { id: nul.id } });
      expect(stored).toMatchObject({ subject: "a\uFFFDb", messageIdHeader: "<n\uFFFDl@x>", headerFrom: "x\uFFFDy <app@acme.test>" });
    });

    it("claims once, records outcomes, releases, and never claims held messages", async () => {
      const { db, store, bed } = ctx;
      const where = await seedWorkspace(db);
      const a = await createTestAccount(db, bed.env, where);
      const batch = [prepared(a.id, 1, "c1"), prepared(a.id, 1, "c2"), prepared(a.id, 1, "held")];
      await store.commitBatch(batch, new Date());
      await db.message.update({ where: { id: batch[2]!.id }, data: { status: "held" } });
      const ids = new Set(batch.map((m) => m.id));
      const now = new Date();
      const mine = (await store.claim("one", now, 1000, 60_000)).filter((m) => ids.has(m.id));
      expect(mine.map((m) => m.id).sort()).toEqual([batch[0]!.id, batch[1]!.id].sort());
      // Delivered to as RCPT TO spelled the local part; the domain in lower case.
      expect(mine[0]!.recipients.sort()).toEqual(["Alice@example.com", "bob@other.test"]);
      expect((await store.claim("two", now, 1000, 60_000)).filter((m) => ids.has(m.id))).toEqual([]);
      const at = new Date();
      await store.recordDeliveries([
        { id: batch[0]!.id, workspaceId: where.workspaceId, status: "delivered", reply: "250 ok", upstream: "sink", durationMs: 3, duplicate: true, nextAttemptAt: null, at },
        { id: batch[1]!.id, workspaceId: where.workspaceId, status: "deferred", reply: "421 busy", upstream: "smtp://u:25", durationMs: 4, duplicate: false, nextAttemptAt: new Date(at.getTime() + 60_000), at },
      ]);
      const [d, f] = await Promise.all(batch.slice(0, 2).map((m) => db.message.findUniqueOrThrow({ where: { id: m.id }, include: { attempts: { orderBy: { createdAt: "asc" } } } })));
      expect(d).toMatchObject({ status: "delivered", attemptCount: 1, claimedBy: null, lastReply: "250 ok" });
      expect(d!.deliveredAt!.getTime()).toBe(at.getTime());
      expect(d!.attempts.map((x) => [x.outcome, x.duplicate])).toEqual([
        ["accepted", false],
        ["delivered", true],
      ]);
      expect(f).toMatchObject({ status: "deferred", attemptCount: 1, claimedBy: null });
      expect(f!.nextAttemptAt!.getTime()).toBe(at.getTime() + 60_000);
      // Not due yet; due later.
      expect((await store.claim("one", new Date(), 1000, 60_000)).map((m) => m.id)).not.toContain(batch[1]!.id);
      const later = await store.claim("one", new Date(at.getTime() + 61_000), 1000, 60_000);
      expect(later.map((m) => m.id)).toContain(batch[1]!.id);
      expect(await store.releaseClaims("one")).toBeGreaterThanOrEqual(1);
      expect((await db.message.findUniqueOrThrow({ where: { id: batch[1]!.id } })).claimedBy).toBeNull();
      expect(await store.queueDepth()).toBeGreaterThanOrEqual(1);
    });

    it("claims new mail and due retries together, oldest first, up to the limit, and leaves retries that are not due", async () => {
      const { db, store, bed } = ctx;
      const where = await seedWorkspace(db, { minute: 1000, hour: 1000, day: 1000 });
      const a = await createTestAccount(db, bed.env, where);
      const now = new Date();
      // Out of the way: whatever earlier tests left deliverable.
      await store.claim("sweep", now, 10_000, 3_600_000);
      const batch = Array.from({ length: 6 }, (_, i) => prepared(a.id, 1, `mixed ${i}`));
      // Oldest first: 0 1 2 3 4 5, a second apart; odd ones are retries, 5 not due yet.
      batch.forEach((m, i) => Object.assign(m, { createdAt: new Date(now.getTime() - (10 - i) * 1000) }));
      expect((await store.commitBatch(batch, now)).every((o) => o.ok)).toBe(true);
      for (const [i, due] of [[1, -1000], [3, 0], [5, 60_000]] as const)
        await db.message.update({ where: { id: batch[i]!.id }, data: { status: "deferred", nextAttemptAt: new Date(now.getTime() + due) } });
      const ids = new Set(batch.map((m) => m.id));
      const first = (await store.claim("mixed", now, 3, 60_000)).map((m) => m.id);
      expect(first).toEqual([batch[0]!.id, batch[1]!.id, batch[2]!.id]);
      const rest = (await store.claim("mixed", now, 10_000, 60_000)).map((m) => m.id).filter((id) => ids.has(id));
      expect(rest).toEqual([batch[3]!.id, batch[4]!.id]);
    });

    // Thousands of deferred messages wait for their next attempt: a poll must not read them all.
    it("finds deliverable mail through two ranges of the (status, nextAttemptAt) index: new mail, and retries already due", async () => {
      const plan = await ctx.claimPlan(new Date());
      expect(plan).toMatch(/status=\? AND nextAttemptAt=\?|Index Cond: \(\(status = ANY \('\{queued,deferred\}'::text\[\]\)\) AND \("nextAttemptAt" IS NULL\)\)/);
      expect(plan).toMatch(/status=\? AND nextAttemptAt<\?|Index Cond: \(\(status = ANY \('\{queued,deferred\}'::text\[\]\)\) AND \("nextAttemptAt" <= /);
      expect(plan).not.toMatch(/\(status=\?\)|Index Cond: \(status = ANY \('\{queued,deferred\}'::text\[\]\)\)\n/);
    });

    it("claims and records more messages than one writer chunk, each exactly once", async () => {
      const { db, store, bed } = ctx;
      const where = await seedWorkspace(db, { minute: 1000, hour: 1000, day: 1000 });
      const a = await createTestAccount(db, bed.env, where);
      const batch = Array.from({ length: 2 * BOOKKEEPING_CHUNK + 5 }, (_, i) => prepared(a.id, 1, `bulk ${i}`));
      expect((await store.commitBatch(batch, new Date())).every((o) => o.ok)).toBe(true);
      const ids = new Set(batch.map((m) => m.id));
      const claimed = (await store.claim("bulk", new Date(), 10_000, 60_000)).filter((m) => ids.has(m.id));
      expect(new Set(claimed.map((m) => m.id)).size).toBe(batch.length);
      expect(claimed.length).toBe(batch.length);
      const at = new Date();
      await store.recordDeliveries(
        claimed.map((m) => ({ id: m.id, workspaceId: where.workspaceId, status: "delivered" as const, reply: "250 ok", upstream: "sink", durationMs: 1, duplicate: false, nextAttemptAt: null, at })),
      );
      expect(await db.message.count({ where: { id: { in: [...ids] }, status: "delivered", claimedBy: null } })).toBe(batch.length);
    });

    it("answers AUTH's reads (account, unexpired lockout counters) exactly as Prisma reads them", async () => {
      const { db, store, bed } = ctx;
      const a = await createTestAccount(db, bed.env, await seedWorkspace(db));
      const now = new Date();
      const keys = counterKeys(a.username, "192.0.2.7");
      const window = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      await db.rateCounter.createMany({
        data: [
          { key: keys.fail, windowStart: window, count: 3, expiresAt: new Date(now.getTime() + 60_000) },
          { key: keys.ipFail, windowStart: window, count: 9, expiresAt: new Date(now.getTime() - 1) },
          { key: keys.lock, windowStart: new Date(0), count: 1, expiresAt: new Date(now.getTime() + 5_000) },
        ],
      });
      const reads = store.authReads ?? prismaAuthReads(db);
      const prisma = prismaAuthReads(db);
      const wanted = [keys.fail, keys.lock, keys.ipFail, keys.ipLock];
      const byKey = (rows: { key: string }[]) => [...rows].sort((x, y) => x.key.localeCompare(y.key));
      expect(byKey(await reads.counters(wanted, now))).toEqual(byKey(await prisma.counters(wanted, now)));
      expect((await reads.counters(wanted, now)).map((c) => c.key).sort()).toEqual([keys.fail, keys.lock].sort());
      expect(await reads.account(a.username)).toEqual(await prisma.account(a.username));
      expect(await reads.account("smtpuser_nobody")).toBeNull();
    });

    it("re-reads the sending account at MAIL FROM with its policies, its grace window and its workspace's verified domains", async () => {
      const { db, store, bed } = ctx;
      const where = await seedWorkspace(db);
      const a = await createTestAccount(db, bed.env, where);
      const graceEndsAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
      const expiresAt = new Date(graceEndsAt.getTime() + 86_400_000);
      await db.smtpAccount.update({
        where: { id: a.id },
        data: { allowedSenders: "billing@acme.test", ipAllowlist: "203.0.113.0/24", expiresAt, previousPasswordVersion: 1, passwordVersion: 2, graceEndsAt },
      });
      await db.domain.create({ data: { workspaceId: where.workspaceId, name: "verified-too.test", status: "verified", verificationToken: "t2" } });
      await db.domain.create({ data: { workspaceId: where.workspaceId, name: "pending.test", status: "pending", verificationToken: "t3" } });
      const sender = await store.senderAccount(a.id);
      expect(sender).toMatchObject({
        id: a.id,
        status: "active",
        passwordVersion: 2,
        previousPasswordVersion: 1,
        graceEndsAt,
        workspaceId: where.workspaceId,
        allowedSenders: "billing@acme.test",
        ipAllowlist: "203.0.113.0/24",
        expiresAt,
      });
      expect(sender!.domain).toMatchObject({ status: "verified", workspaceId: where.workspaceId });
      expect([...sender!.verifiedDomains!].sort()).toEqual([sender!.domain!.name, "verified-too.test"].sort());
      expect(await store.senderAccount("missing")).toBeNull();
    });

    it("moves lastUsedAt forward only", async () => {
      const { db, store, bed } = ctx;
      const a = await createTestAccount(db, bed.env, await seedWorkspace(db));
      const t1 = new Date(Date.now() - 1000);
      await store.flushLastUsed(new Map([[a.id, t1]]));
      await store.flushLastUsed(new Map([[a.id, new Date(t1.getTime() - 5000)]]));
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id: a.id } })).lastUsedAt!.getTime()).toBe(t1.getTime());
    });
  });
}

contract("SQLite store (better-sqlite3)", async () => {
  const bed = await createTestbed();
  await migrateDatabase(bed.env);
  const db = createDb(bed.env.DATABASE_URL);
  const store = await createRelayStore(bed.env, db);
  // AUTH on SQLite reads through the store's own connection, not Prisma.
  expect(store.authReads).toBeDefined();
  return {
    bed,
    db,
    store,
    async claimPlan(now) {
      const file = new Database(bed.env.SQLITE_PATH!, { readonly: true });
      try {
        const at = sqliteDate(now);
        const rows = file.prepare(`EXPLAIN QUERY PLAN ${CLAIM_SQL}`).all("plan", at, at, at, at, 100) as { detail: string }[];
        return rows.map((r) => r.detail).join("\n");
      } finally {
        file.close();
      }
    },
    async cleanup() {
      // Prisma's and the store's rows share one DateTime format (the adapter's ISO 8601 text).
      const file = new Database(bed.env.SQLITE_PATH!, { readonly: true });
      const prismaRow = file.prepare(`SELECT "createdAt" AS t FROM "Workspace" LIMIT 1`).get() as { t: string };
      const storeRow = file.prepare(`SELECT "createdAt" AS t FROM "Message" LIMIT 1`).get() as { t: string };
      file.close();
      expect(storeRow.t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      expect(prismaRow.t.replace(/[\d]/g, "0")).toBe(storeRow.t.replace(/[\d]/g, "0"));
      await store.close();
      await db.$disconnect();
      fs.rmSync(bed.dir, { recursive: true, force: true });
    },
  };
});

if (TEST_DATABASE_URL) {
  contract("PostgreSQL store (Prisma)", async () => {
    const { bed, db, drop } = await createTestbedOn("PostgreSQL");
    const store = await createRelayStore(bed.env, db);
    return {
      bed,
      db,
      store,
      async claimPlan(now) {
        const [, rows] = await db.$transaction([
          db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
          db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${claimStatement("plan", now, now, 100)}`),
        ]);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      },
      async cleanup() {
        await store.close();
        await drop();
      },
    };
  });
}
