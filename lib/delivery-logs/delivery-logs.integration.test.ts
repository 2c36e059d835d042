// The delivery log, login events, audit log, compromise review, CSV export and retention
// against a migrated temp SQLite database, with two workspaces (Acme and Globex) to prove
// tenancy: Globex sees none of Acme's rows by any filter or id.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { providerOf, type Db } from "../db";
import type { Env } from "../env";
import { describeEachDatabase } from "../testing/each-database";
import { seedTwoWorkspaces } from "../testing/two-workspaces";
import { listAuditEvents, parseAuditQuery } from "../audit/list-audit";
import { csvCell, csvRow, csvStream } from "./csv";
import { deliveryLogCsv, auditLogCsv } from "./export-csv";
import { decodeCursor, encodeCursor, parseDeliveryLogQuery, parseRecipientFilter } from "./filters";
import { getMessage } from "./get-message";
import { listLoginEvents, parseLoginEventQuery } from "./login-events";
import { listMessages } from "./list-messages";
import { pruneExpired } from "./prune";
import { reviewCompromise } from "./review";
import { holdAccountMessages } from "../incidents/hold-account-messages";
import { releaseHeldMessages } from "../incidents/release-held-messages";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let dir: string;
let env: Env;
let db: Db;
const acme = { id: "", accountId: "", otherAccountId: "" };
const globex = { id: "", accountId: "" };
const now = new Date();

async function addMessage(
  workspaceId: string,
  accountId: string | null,
  over: Partial<{ createdAt: Date; clientIp: string; envelopeFrom: string; recipients: string[]; subject: string; status: string; passwordVersion: number; raw: Buffer | null; claimedUntil: Date | null }> = {},
) {
  const recipients = over.recipients ?? ["someone@example.com"];
  const createdAt = over.createdAt ?? now;
  return db.message.create({
    data: {
      workspaceId,
      accountId,
      passwordVersion: over.passwordVersion ?? 1,
      clientIp: over.clientIp ?? "127.0.0.1",
      envelopeFrom: over.envelopeFrom ?? "app@acme.test",
      subject: over.subject ?? "hello",
      sizeBytes: 120,
      recipientCount: recipients.length,
      firstRecipient: recipients[0]!,
      raw: over.raw === undefined ? new Uint8Array(Buffer.from(`From: app@acme.test\r\nSubject: ${over.subject ?? "hello"}\r\nX-Long: a\r\n b\r\n\r\nbody`)) : over.raw ? new Uint8Array(over.raw) : null,
      status: over.status ?? "delivered",
      claimedUntil: over.claimedUntil ?? null,
      createdAt,
      recipients: { create: recipients.map((a) => ({ workspaceId, address: a.toLowerCase(), domain: a.split("@")[1]!.toLowerCase(), createdAt })) },
      attempts: { create: [{ workspaceId, outcome: "accepted", reply: "250 queued", createdAt }] },
    },
  });
}

describeEachDatabase("delivery logs, login events, audit log and retention", { env: { MESSAGE_RETENTION_DAYS: "30", AUDIT_RETENTION_DAYS: "365" }, prefix: "migosmtp-logs-" }, (current) => {
  beforeAll(async () => {
    ({ dir, env, db } = current());
    const seeded = await seedTwoWorkspaces(db, { accountsCreatedAt: new Date(now.getTime() - 60 * DAY) });
    Object.assign(acme, { id: seeded.acme.id, accountId: seeded.acme.main, otherAccountId: seeded.acme.other });
    Object.assign(globex, { id: seeded.globex.id, accountId: seeded.globex.main });
  }, 180_000);

  describe("filters", () => {
    it("parses a recipient as an address or a whole domain, and drops bad URL values", () => {
      expect(parseRecipientFilter("User@Example.COM")).toEqual({ address: "user@example.com" });
      expect(parseRecipientFilter("example.com")).toEqual({ domain: "example.com" });
      expect(parseRecipientFilter("@example.com")).toEqual({ domain: "example.com" });
      const q = parseDeliveryLogQuery({ status: "bogus", account: "x'; DROP", from: "not a date", preset: "24h", rcpt: ["a@b.c", "d@e.f"] });
      expect(q).toMatchObject({ status: undefined, account: undefined, from: undefined, preset: "24h", rcpt: "a@b.c" });
      const c = { createdAt: new Date("2025-01-02T03:04:05.678Z"), id: "abc_123" };
      expect(decodeCursor(encodeCursor(c))).toEqual(c);
      expect(decodeCursor("garbage")).toBeUndefined();
    });
  });

  describe("delivery log", () => {
    it("lists newest first, filters by account, status, time, recipient address or domain, sender and IP, pages by keyset", async () => {
      const base = now.getTime() - 2 * HOUR;
      for (let i = 0; i < 7; i++) await addMessage(acme.id, acme.accountId, { createdAt: new Date(base + i * 1000), subject: `page ${i}`, clientIp: "10.0.0.1", envelopeFrom: "pager@acme.test" });
      await addMessage(acme.id, acme.otherAccountId, { createdAt: new Date(base), recipients: ["x@target.example", "y@other.example"], status: "bounced", clientIp: "10.0.0.9" });
      await addMessage(globex.id, globex.accountId, { createdAt: new Date(base), recipients: ["x@target.example"], clientIp: "10.0.0.1", envelopeFrom: "pager@acme.test" });

      const all = await listMessages({ db, workspaceId: acme.id, query: { sender: "pager@acme.test" }, limit: 3 });
      expect(all.rows.map((r) => r.subject)).toEqual(["page 6", "page 5", "page 4"]);
      const next = await listMessages({ db, workspaceId: acme.id, query: { sender: "pager@acme.test", cursor: all.nextCursor! }, limit: 3 });
      expect(next.rows.map((r) => r.subject)).toEqual(["page 3", "page 2", "page 1"]);
      const last = await listMessages({ db, workspaceId: acme.id, query: { sender: "pager@acme.test", cursor: next.nextCursor! }, limit: 3 });
      expect(last.rows.map((r) => r.subject)).toEqual(["page 0"]);
      expect(last.nextCursor).toBeNull();

      const byDomain = await listMessages({ db, workspaceId: acme.id, query: { rcpt: "target.example" } });
      expect(byDomain.rows).toHaveLength(1);
      expect(byDomain.rows[0]).toMatchObject({ status: "bounced", recipientCount: 2, firstRecipient: "x@target.example", accountId: acme.otherAccountId });
      expect((await listMessages({ db, workspaceId: acme.id, query: { rcpt: "Y@OTHER.example" } })).rows).toHaveLength(1);
      expect((await listMessages({ db, workspaceId: acme.id, query: { rcpt: "nobody@target.example" } })).rows).toHaveLength(0);
      expect((await listMessages({ db, workspaceId: acme.id, query: { status: "bounced" } })).rows).toHaveLength(1);
      expect((await listMessages({ db, workspaceId: acme.id, query: { ip: "10.0.0.9" } })).rows).toHaveLength(1);
      expect((await listMessages({ db, workspaceId: acme.id, query: { account: acme.otherAccountId } })).rows).toHaveLength(1);
      expect((await listMessages({ db, workspaceId: acme.id, query: { sender: "pager@acme.test", from: new Date(base + 5000) } })).rows).toHaveLength(2);
      expect((await listMessages({ db, workspaceId: acme.id, query: { sender: "pager@acme.test", to: new Date(base + 1000) } })).rows).toHaveLength(2);
      expect((await listMessages({ db, workspaceId: acme.id, query: { preset: "1h", sender: "pager@acme.test" } })).rows).toHaveLength(0);
    });

    it("shows a message's timeline and headers; another workspace's id is NOT_FOUND", async () => {
      const m = await addMessage(acme.id, acme.accountId, { subject: "detail" });
      const detail = await getMessage({ db, workspaceId: acme.id, messageId: m.id });
      expect(detail.attempts.map((a) => a.outcome)).toEqual(["accepted"]);
      expect(detail.headers).toContainEqual({ name: "X-Long", value: "a b" });
      expect(detail.headers).toContainEqual({ name: "Subject", value: "detail" });
      await expect(getMessage({ db, workspaceId: globex.id, messageId: m.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("tenancy", () => {
    it("Globex sees none of Acme's messages, login events or audit events by any filter", async () => {
      await db.loginEvent.create({ data: { workspaceId: acme.id, accountId: acme.accountId, username: "u", clientIp: "10.0.0.1", method: "PLAIN", success: true, passwordVersion: 1 } });
      await db.auditEvent.create({ data: { workspaceId: acme.id, action: "credentials.reveal", actorEmail: "admin@acme.test", targetId: acme.accountId } });
      const acmeIds = new Set((await db.message.findMany({ where: { workspaceId: acme.id }, select: { id: true } })).map((m) => m.id));
      const filters = [{}, { account: acme.accountId }, { rcpt: "target.example" }, { rcpt: "someone@example.com" }, { ip: "10.0.0.1" }, { sender: "pager@acme.test" }, { status: "delivered" as const }];
      for (const query of filters) {
        const rows = (await listMessages({ db, workspaceId: globex.id, query })).rows;
        expect(rows.filter((r) => acmeIds.has(r.id))).toEqual([]);
      }
      expect((await listLoginEvents({ db, workspaceId: globex.id, accountId: acme.accountId, query: parseLoginEventQuery({}) })).rows).toEqual([]);
      expect((await listAuditEvents({ db, workspaceId: globex.id, query: parseAuditQuery({ account: acme.accountId }) })).rows).toEqual([]);
      expect((await listAuditEvents({ db, workspaceId: globex.id, query: parseAuditQuery({ actor: "admin@acme.test" }) })).rows).toEqual([]);
      await expect(reviewCompromise({ db, workspaceId: globex.id, accountId: acme.accountId, window: { from: new Date(0), to: now } })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const csv = await new Response(deliveryLogCsv(db, globex.id, parseDeliveryLogQuery({}))).text();
      for (const id of acmeIds) expect(csv).not.toContain(id);
      expect(await new Response(auditLogCsv(db, globex.id, parseAuditQuery({}))).text()).not.toContain("admin@acme.test");
    });

    it("filters login events by result and IP", async () => {
      await db.loginEvent.create({ data: { workspaceId: acme.id, accountId: acme.accountId, username: "u", clientIp: "10.9.9.9", method: "LOGIN", success: false, reason: "bad_credentials" } });
      const failures = await listLoginEvents({ db, workspaceId: acme.id, accountId: acme.accountId, query: parseLoginEventQuery({ result: "failure" }) });
      expect(failures.rows.map((r) => r.reason)).toEqual(["bad_credentials"]);
      expect((await listLoginEvents({ db, workspaceId: acme.id, accountId: acme.accountId, query: parseLoginEventQuery({ ip: "10.0.0.1" }) })).rows.every((r) => r.success)).toBe(true);
    });
  });

  describe("compromise review", () => {
    it("flags new client IPs, new recipient domains, high-volume hours, and counts replaced-version sends", async () => {
      const ws = await db.workspace.create({ data: { slug: `rev-${randomBytes(3).toString("hex")}`, name: "rev" } });
      const d = await db.domain.create({ data: { workspaceId: ws.id, name: "rev.test", status: "verified", verificationToken: "t" } });
      const account = await db.smtpAccount.create({ data: { workspaceId: ws.id, label: "rev", username: `smtpuser_${randomBytes(4).toString("hex")}`, domainId: d.id, passwordCiphertext: "x", passwordVerifier: "y", passwordVersion: 2 } });
      const windowFrom = new Date(now.getTime() - 2 * DAY);
      // History: 1 message/hour from the usual IP to the usual domain.
      for (let i = 0; i < 5; i++) await addMessage(ws.id, account.id, { createdAt: new Date(windowFrom.getTime() - (i + 1) * HOUR), clientIp: "10.1.1.1", recipients: [`a${i}@usual.example`] });
      // The window: one usual, one from a new IP, one to a new domain, a burst of 12 in one hour.
      const hour = Math.floor((now.getTime() - DAY) / HOUR) * HOUR;
      await addMessage(ws.id, account.id, { createdAt: new Date(hour - 3 * HOUR), clientIp: "10.1.1.1", recipients: ["b@usual.example"] });
      await addMessage(ws.id, account.id, { createdAt: new Date(hour - 2 * HOUR), clientIp: "203.0.113.5", recipients: ["c@usual.example"] });
      await addMessage(ws.id, account.id, { createdAt: new Date(hour - HOUR), clientIp: "10.1.1.1", recipients: ["victim@new.example"] });
      for (let i = 0; i < 12; i++) await addMessage(ws.id, account.id, { createdAt: new Date(hour + i * 1000), clientIp: "10.1.1.1", recipients: ["d@usual.example"] });
      // A reset to version 2 inside the window, and a message after it still on version 1.
      const resetAt = new Date(hour + 30 * 60_000);
      await db.auditEvent.create({ data: { workspaceId: ws.id, action: "credentials.reset", targetId: account.id, metadata: JSON.stringify({ passwordVersion: 2 }), createdAt: resetAt } });
      await addMessage(ws.id, account.id, { createdAt: new Date(resetAt.getTime() + 1000), passwordVersion: 1, clientIp: "10.1.1.1", recipients: ["e@usual.example"] });

      const review = await reviewCompromise({ db, workspaceId: ws.id, accountId: account.id, window: { from: windowFrom, to: now } });
      expect(review.messages).toBe(16);
      expect(review.newIps).toEqual(["203.0.113.5"]);
      expect(review.newRecipientDomains).toEqual(["new.example"]);
      expect(review.uniqueIps).toBe(2);
      expect(review.uniqueRecipientDomains).toBe(2);
      expect(review.hourlyThreshold).toBe(10);
      expect(review.highVolumeHours).toEqual([{ hour: new Date(hour), count: 13 }]);
      expect(review.replacedVersionMessages).toBe(1);
      expect(review.flagged).toBe(15);

      const flaggedOnly = await listMessages({ db, workspaceId: ws.id, query: { account: account.id, from: windowFrom }, extra: review.flaggedWhere!, limit: 100 });
      expect(flaggedOnly.rows).toHaveLength(15);

      // The page's Export CSV link in "flagged only" exports the flagged messages, not the window.
      const params = { account: account.id, review: "1", flagged: "1", from: windowFrom.toISOString() };
      const csv = await new Response(deliveryLogCsv(db, ws.id, parseDeliveryLogQuery(params), now)).text();
      const exported = csv.trim().split("\n").slice(1).map((line) => line.split(",")[1]);
      expect(exported).toEqual(flaggedOnly.rows.map((r) => r.id));
      const all = await new Response(deliveryLogCsv(db, ws.id, parseDeliveryLogQuery({ ...params, flagged: undefined }), now)).text();
      expect(all.trim().split("\n")).toHaveLength(1 + 16);
    });

    it("shows zero replaced-version sends when every message used the current version", async () => {
      const review = await reviewCompromise({ db, workspaceId: acme.id, accountId: acme.accountId, window: { from: new Date(now.getTime() - 7 * DAY), to: now } });
      expect(review.replacedVersionMessages).toBe(0);
    });
  });

  describe("hold and release", () => {
    it("holds only queued/deferred messages not claimed right now, and releases them to queued", async () => {
      const incident = await db.incident.create({ data: { workspaceId: acme.id, accountId: acme.otherAccountId, windowStart: new Date(0), windowEnd: now, summary: "{}" } });
      const queued = await addMessage(acme.id, acme.otherAccountId, { status: "queued" });
      const deferred = await addMessage(acme.id, acme.otherAccountId, { status: "deferred", claimedUntil: new Date(now.getTime() - 1000) });
      const claimed = await addMessage(acme.id, acme.otherAccountId, { status: "queued", claimedUntil: new Date(Date.now() + 60_000) });
      const delivered = await addMessage(acme.id, acme.otherAccountId, { status: "delivered" });
      const foreign = await addMessage(globex.id, globex.accountId, { status: "queued" });
      const result = await holdAccountMessages({ db, workspaceId: acme.id, accountId: acme.otherAccountId, incidentId: incident.id });
      expect(result).toEqual({ held: 2, inFlight: 1 });
      const status = async (id: string) => (await db.message.findUniqueOrThrow({ where: { id } })).status;
      expect([await status(queued.id), await status(deferred.id), await status(claimed.id), await status(delivered.id), await status(foreign.id)]).toEqual(["held", "held", "queued", "delivered", "queued"]);
      const actor = { id: "u1", email: "admin@acme.test", authTime: new Date(), meta: { ip: null, userAgent: null } };
      await expect(releaseHeldMessages({ db, workspaceId: globex.id, incidentId: incident.id, actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await releaseHeldMessages({ db, workspaceId: acme.id, incidentId: incident.id, actor })).toEqual({ released: 2 });
      expect(await status(queued.id)).toBe("queued");
      const attempts = await db.deliveryAttempt.findMany({ where: { messageId: queued.id }, orderBy: { createdAt: "asc" } });
      expect(attempts.map((a) => a.outcome)).toEqual(["accepted", "held", "released"]);
    });
  });

  describe("CSV", () => {
    it("neutralises formula cells and quotes", () => {
      expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", 'a"b', "a,b"].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "\"'\rx\"", "plain", '"a""b"', '"a,b"']);
      expect(csvRow([null, 3, new Date("2025-01-01T00:00:00Z")])).toBe(",3,2025-01-01T00:00:00.000Z\r\n");
    });

    it("streams page by page, pulling a page only when read", async () => {
      let fetched = 0;
      const stream = csvStream(
        ["n"],
        async (cursor: number | undefined) => {
          fetched++;
          const start = cursor ?? 0;
          return { rows: [start, start + 1], next: start + 2 < 6 ? start + 2 : undefined };
        },
        (n) => [n === 0 ? "=cmd" : n],
      );
      const reader = stream.getReader();
      const decoder = new TextDecoder();
      expect(decoder.decode((await reader.read()).value)).toBe("n\r\n");
      expect(fetched).toBeLessThanOrEqual(1);
      let rest = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        rest += decoder.decode(value);
      }
      expect(rest).toBe("'=cmd\r\n1\r\n2\r\n3\r\n4\r\n5\r\n");
      expect(fetched).toBe(3);
    });

    it("exports the delivery log with the current filters, neutralised", async () => {
      await addMessage(acme.id, acme.accountId, { subject: "=HYPERLINK(\"http://evil\")", recipients: ["csv@csv.example"] });
      const text = await new Response(deliveryLogCsv(db, acme.id, parseDeliveryLogQuery({ rcpt: "csv.example" }))).text();
      const lines = text.trim().split("\r\n");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    });
  });

  describe("retention", () => {
    it("prunes messages, login events and sink files past MESSAGE_RETENTION_DAYS and audit events past AUDIT_RETENTION_DAYS, in batches", async () => {
      const old = new Date(now.getTime() - 31 * DAY);
      const ws = await db.workspace.create({ data: { slug: `ret-${randomBytes(3).toString("hex")}`, name: "ret" } });
      const oldIds: string[] = [];
      for (let i = 0; i < 7; i++) oldIds.push((await addMessage(ws.id, null, { createdAt: old })).id);
      const fresh = await addMessage(ws.id, null, { createdAt: new Date(now.getTime() - 29 * DAY) });
      // Retention goes workspace by workspace: another workspace's mail, and failed logins that belong to none, go too.
      const other = await db.workspace.create({ data: { slug: `ret-${randomBytes(3).toString("hex")}`, name: "ret 2" } });
      for (let i = 0; i < 4; i++) oldIds.push((await addMessage(other.id, null, { createdAt: old })).id);
      await db.loginEvent.create({ data: { workspaceId: ws.id, username: "u", clientIp: "1", method: "PLAIN", success: false, createdAt: old } });
      const nobodys = await db.loginEvent.create({ data: { workspaceId: null, username: "nobody", clientIp: "1", method: "PLAIN", success: false, createdAt: old } });
      await db.auditEvent.create({ data: { workspaceId: ws.id, action: "old", createdAt: new Date(now.getTime() - 366 * DAY) } });
      await db.auditEvent.create({ data: { workspaceId: ws.id, action: "kept", createdAt: old } });
      fs.mkdirSync(path.join(dir, "sink"), { recursive: true });
      const oldFile = path.join(dir, "sink", "old.eml");
      const newFile = path.join(dir, "sink", "new.eml");
      fs.writeFileSync(oldFile, "x");
      fs.writeFileSync(newFile, "x");
      fs.utimesSync(oldFile, old, old);

      const result = await pruneExpired(db, env, dir, { now, batchSize: 3 });
      expect(result.messages).toBeGreaterThanOrEqual(11);
      expect(result.loginEvents).toBeGreaterThanOrEqual(2);
      expect(await db.loginEvent.count({ where: { id: nobodys.id } })).toBe(0);
      expect(result.auditEvents).toBeGreaterThanOrEqual(1);
      expect(result.sinkFiles).toBe(1);
      expect(await db.message.count({ where: { id: { in: oldIds } } })).toBe(0);
      expect(await db.messageRecipient.count({ where: { messageId: { in: oldIds } } })).toBe(0);
      expect(await db.deliveryAttempt.count({ where: { messageId: { in: oldIds } } })).toBe(0);
      expect(await db.message.count({ where: { id: fresh.id } })).toBe(1);
      expect(await db.auditEvent.findMany({ where: { workspaceId: ws.id }, select: { action: true } })).toEqual([{ action: "kept" }]);
      expect(fs.existsSync(oldFile)).toBe(false);
      expect(fs.existsSync(newFile)).toBe(true);
    });

    // The relay runs retention at start and hourly: at 1,000,000 messages a scan of the hourly
    // counts took ~90 ms of its SQLite thread although nothing was old enough to go.
    it("finds the expired hourly and daily chart counts through an index on the time, not a scan of every workspace's", async () => {
      const plan = async (table: string, column: string): Promise<string> => {
        const cutoff = new Date(now.getTime() - 30 * DAY);
        if (providerOf(db) === "sqlite") {
          const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN DELETE FROM "${table}" WHERE "${column}" < ?`, cutoff);
          return rows.map((r) => r.detail).join("\n");
        }
        // PostgreSQL would scan an almost empty table anyway: ask whether an index can serve the cutoff.
        const [, rows] = await db.$transaction([db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"), db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN DELETE FROM "${table}" WHERE "${column}" < $1`, cutoff)]);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      };
      expect(await plan("VolumeHour", "hour")).toContain("VolumeHour_hour_idx");
      expect(await plan("VolumeDay", "day")).toContain("VolumeDay_day_idx");
    });
  });
});
