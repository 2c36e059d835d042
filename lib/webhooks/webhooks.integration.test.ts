// The webhook use cases, tailer and dispatcher against a real database (SQLite, and PostgreSQL
// when TEST_DATABASE_URL is set), with a local receiver: save-time SSRF refusal, the secret stored
// encrypted and shown once, tenancy, audit, idempotent tailing, first tries
// sent by the tailer, the sender lease, and claims two dispatchers share.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerOf, type Db } from "../db";
import type { Env } from "../env";
import { reencryptAll } from "../credentials/rotate-keys";
import { pruneExpired } from "../delivery-logs/prune";
import { describeEachDatabase } from "../testing/each-database";
import { testActor } from "../testing/test-actor";
import { createWebhookEndpoint } from "./create-endpoint";
import { deleteWebhookEndpoint } from "./delete-endpoint";
import { claimDueDeliveries, dispatchDueDeliveries } from "./dispatch-deliveries";
import { decryptEndpointSecret } from "./endpoint-secret";
import { eventIdFor } from "./events";
import { listWebhookDeliveries } from "./list-deliveries";
import { listWebhookEndpoints } from "./list-endpoints";
import { rotateEndpointSecret } from "./rotate-endpoint-secret";
import { sendTestWebhook } from "./send-test-event";
import { prismaPassWriter, type PassWriter } from "./record-pass";
import { sqlitePassWriter } from "./record-pass-sqlite";
import { createSenderLease, SENDER_LEASE } from "./sender-lease";
import { idFloor, prismaSources } from "./event-sources";
import { sqliteSources, type SqliteSources } from "./event-sources-sqlite";
import { createEventTailer, type PassOptions, type TailerOptions } from "./tail-events";
import { startWebhookReceiver } from "./testing/receiver";
import { updateWebhookEndpoint } from "./update-endpoint";
import { PRIVATE_TARGET_MESSAGE } from "./url-guard";

let db: Db;
let env: Env;
let acme: { id: string };
let globex: { id: string };

describeEachDatabase("webhook endpoints and deliveries", { prefix: "migosmtp-webhooks-", env: { WEBHOOK_ALLOW_PRIVATE: "true", WEBHOOK_RETRY_BASE_MS: "50" } }, (current, kind) => {
  beforeAll(async () => {
    ({ env, db } = current());
    acme = await db.workspace.create({ data: { slug: "acme", name: "Acme" } });
    globex = await db.workspace.create({ data: { slug: "globex", name: "Globex" } });
  });

  /** A queued message of Acme's, as the relay stores one. */
  const acmeMessage = (subject: string, createdAt = new Date()) =>
    db.message.create({
      data: { workspaceId: acme.id, passwordVersion: 1, clientIp: "192.0.2.1", envelopeFrom: "a@acme.test", subject, sizeBytes: 1, recipientCount: 1, firstRecipient: "b@example.com", status: "queued", createdAt },
    });

  const create = (url: string, over: Partial<{ workspaceId: string; allowPrivate: boolean; eventTypes: string[] }> = {}) =>
    createWebhookEndpoint({
      db,
      env: { ...env, WEBHOOK_ALLOW_PRIVATE: over.allowPrivate ?? true },
      workspaceId: over.workspaceId ?? acme.id,
      input: { url, eventTypes: (over.eventTypes ?? ["message.accepted"]) as ["message.accepted"] },
      actor: testActor(),
    });

  it("refuses a private address when saving, saying why, and saves nothing", async () => {
    const before = await db.webhookEndpoint.count();
    for (const url of ["http://127.0.0.1:8080/hook", "https://10.1.2.3/", "https://[fd00::1]/x", "https://169.254.169.254/latest"])
      await expect(create(url, { allowPrivate: false })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "url", message: PRIVATE_TARGET_MESSAGE });
    expect(await db.webhookEndpoint.count()).toBe(before);
  });

  it("returns the secret once and keeps it only encrypted, under the endpoint's own associated data", async () => {
    const { id, secret } = await create("https://hooks.example.com/migo");
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(row.secretCiphertext).not.toContain(secret.slice(6));
    expect(decryptEndpointSecret(row.secretCiphertext, id, env.CREDENTIALS_KEYS)).toBe(secret);
    expect(JSON.stringify(await listWebhookEndpoints({ db, workspaceId: acme.id }))).not.toContain(secret);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.create", targetId: id } });
    expect(audit.metadata).not.toContain(secret);
    // keys:rotate re-encrypts it under the new key, and it still decrypts.
    const keys = [{ id: "k2", key: Buffer.alloc(32, 7) }, ...env.CREDENTIALS_KEYS];
    await reencryptAll(db, keys);
    const after = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(after.secretCiphertext.split(".")[1]).toBe("k2");
    expect(decryptEndpointSecret(after.secretCiphertext, id, keys)).toBe(secret);
    await db.webhookEndpoint.delete({ where: { id } });
  });

  it("treats another workspace's endpoint as not found for update, rotate, delete and deliveries", async () => {
    const { id } = await create("https://hooks.example.com/globex", { workspaceId: globex.id });
    const base = { db, env, workspaceId: acme.id, endpointId: id, actor: testActor() };
    await expect(updateWebhookEndpoint({ ...base, input: { enabled: false } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rotateEndpointSecret(base)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteWebhookEndpoint(base)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listWebhookDeliveries(base)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sendTestWebhook(base)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id } })).enabled).toBe(true);
    await deleteWebhookEndpoint({ ...base, workspaceId: globex.id });
  });

  it("updates, rotates and deletes with an audit record each", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { id, secret } = await create(receiver.url("/rotate"));
      const base = { db, env, workspaceId: acme.id, endpointId: id, actor: testActor() };
      await updateWebhookEndpoint({ ...base, input: { eventTypes: ["message.bounced", "alert.raised"], finalStateOnly: true } });
      expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id } })).toMatchObject({ eventTypes: "message.bounced alert.raised", finalStateOnly: true });
      const { secret: next } = await rotateEndpointSecret(base);
      expect(next).not.toBe(secret);
      // The test event is signed with the new secret.
      expect(await sendTestWebhook(base)).toMatchObject({ ok: true, statusCode: 200 });
      expect(receiver.verified("/rotate", next)).toMatchObject([{ type: "webhook.test", workspace: { id: acme.id, slug: "acme" } }]);
      expect(() => receiver.verified("/rotate", secret)).toThrow();
      await deleteWebhookEndpoint(base);
      expect(await db.webhookDelivery.count({ where: { endpointId: id } })).toBe(0);
      const actions = (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
      expect(actions).toEqual(["webhook.create", "webhook.update", "webhook.rotate_secret", "webhook.test", "webhook.delete"]);
    } finally {
      await receiver.close();
    }
  });

  describe("the tailer", () => {
    // As the relay's webhook thread reads: on SQLite messages and attempts without Prisma
    // (event-sources-sqlite.ts), on PostgreSQL through it.
    let reads: SqliteSources | null = null;
    beforeAll(() => {
      reads = providerOf(db) === "sqlite" ? sqliteSources(db, env.DATABASE_URL.slice("file:".length)) : null;
    });
    afterAll(() => reads?.close());
    const newTailer = (options: TailerOptions = {}) => createEventTailer(db, { ...options, sources: reads?.sources });

    // PostgreSQL has one reader only: this comparison exists on SQLite alone.
    if (kind === "SQLite") {
      it("reads the same rows and events without Prisma as through it", async () => {
        if (!reads) throw new Error("the SQLite sources are not open");
        const account = await db.smtpAccount.findFirst({ where: { workspaceId: acme.id } });
        const createdAt = new Date();
        const message = await db.message.create({
          data: {
            workspaceId: acme.id,
            accountId: account?.id ?? null,
            passwordVersion: 1,
            clientIp: "192.0.2.1",
            envelopeFrom: "a@acme.test",
            subject: "same either way",
            sizeBytes: 1,
            recipientCount: 2,
            firstRecipient: "b@example.com",
            status: "delivered",
            createdAt,
            recipients: { create: [{ workspaceId: acme.id, address: "b@example.com", domain: "example.com", createdAt }, { workspaceId: acme.id, address: "c@example.org", domain: "example.org", createdAt }] },
          },
        });
        await db.deliveryAttempt.create({ data: { messageId: message.id, workspaceId: acme.id, outcome: "accepted", reply: "250 2.0.0 Ok: queued" } });
        await db.deliveryAttempt.create({ data: { messageId: message.id, workspaceId: acme.id, outcome: "deferred", reply: "451 4.3.0 try later" } });
        await db.deliveryAttempt.create({ data: { messageId: message.id, workspaceId: acme.id, outcome: "delivered", reply: "250 ok", duplicate: true } });
        await db.deliveryAttempt.create({ data: { messageId: message.id, workspaceId: acme.id, outcome: "delivered", reply: "250 ok" } });
        const since = new Date(createdAt.getTime() - 1000);
        const prisma = prismaSources(db);
        for (const source of reads.sources.slice(0, 2)) {
          const through = prisma.find((s) => s.name === source.name)!;
          const [mine, theirs] = [await source.read([acme.id], since, { after: null }), await through.read([acme.id], since, { after: null })];
          expect(mine.events.length).toBeGreaterThan(0);
          expect(mine.events).toEqual(theirs.events);
          expect(mine.rows.map((r) => [r.id, r.createdAt])).toEqual(theirs.rows.map((r) => [r.id, r.createdAt]));
          const upTo = { createdAt: theirs.rows.at(-1)!.createdAt, id: theirs.rows.at(-1)!.id };
          expect((await source.late([acme.id], since, upTo)).sort()).toEqual((await through.late([acme.id], since, upTo)).sort());
          const after = { createdAt: theirs.rows[0]!.createdAt, id: theirs.rows[0]!.id };
          const [mineAfter, theirsAfter] = [await source.read([acme.id], since, { after }), await through.read([acme.id], since, { after })];
          expect(mineAfter.rows.map((r) => r.id)).toEqual(theirsAfter.rows.map((r) => r.id));
          expect(mineAfter.events).toEqual(theirsAfter.events);
          const ids = theirs.rows.map((r) => r.id).slice(0, 1);
          expect((await source.read([acme.id], since, { ids })).events).toEqual((await through.read([acme.id], since, { ids })).events);
          expect((await source.read([globex.id], since, { after: null })).rows).toEqual([]);
        }
        await db.message.delete({ where: { id: message.id } });
      });
    }

    it("with no enabled endpoint reads nothing", async () => {
      await db.webhookEndpoint.deleteMany({});
      expect(await newTailer().pass()).toEqual({ endpoints: 0, read: 0, queued: 0, more: false });
    });

    it("queues one delivery per event however often the rows are re-read, and none for rows older than the endpoint", async () => {
      const old = await db.message.create({
        data: { workspaceId: acme.id, passwordVersion: 1, clientIp: "192.0.2.1", envelopeFrom: "a@acme.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "b@example.com", status: "queued", createdAt: new Date(Date.now() - 60_000) },
      });
      const { id: endpointId } = await create("https://hooks.example.com/tail", { eventTypes: ["message.accepted", "message.rejected"] });
      const row = (status: string, createdAt = new Date()) =>
        db.message.create({
          data: {
            workspaceId: acme.id,
            passwordVersion: 1,
            clientIp: "192.0.2.1",
            envelopeFrom: "a@acme.test",
            subject: status,
            sizeBytes: 1,
            recipientCount: 1,
            firstRecipient: "b@example.com",
            status,
            createdAt,
            recipients: { create: { workspaceId: acme.id, address: "b@example.com", domain: "example.com", createdAt } },
          },
        });
      const accepted = await row("queued");
      const rejected = await row("rejected");
      await db.message.create({ data: { workspaceId: globex.id, passwordVersion: 1, clientIp: "192.0.2.1", envelopeFrom: "a@globex.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "b@example.com", status: "queued" } });
      const tailer = newTailer();
      await tailer.pass();
      await tailer.pass();
      await newTailer().pass();
      const deliveries = await db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { eventId: "asc" } });
      expect(deliveries.map((d) => d.eventId).sort()).toEqual([eventIdFor(accepted.id, "message.accepted"), eventIdFor(rejected.id, "message.rejected")].sort());
      expect(deliveries.map((d) => d.payload).join()).not.toContain(old.id);
      const body = JSON.parse(deliveries.find((d) => d.eventType === "message.rejected")!.payload);
      expect(body).toMatchObject({ type: "message.rejected", version: 1, workspace: { id: acme.id, slug: "acme" }, data: { message: { id: rejected.id, recipients: ["b@example.com"], status: "rejected" } } });
      await db.webhookEndpoint.delete({ where: { id: endpointId } });
    });
    it("picks up a row that commits after the cursor passed its time, once, and nothing again after a restart", async () => {
      const { id: endpointId } = await create("https://hooks.example.com/late", { eventTypes: ["message.accepted"] });
      // (Later than now, so that the late row's time is still after the endpoint's.)
      const first = await acmeMessage("first", new Date(Date.now() + 2000));
      const tailer = newTailer();
      await tailer.pass();
      // Stamped before the first row, committed after the pass moved the cursor past it.
      const late = await acmeMessage("late", new Date(first.createdAt.getTime() - 1000));
      await tailer.pass();
      await tailer.pass();
      await newTailer().pass();
      const eventIds = (await db.webhookDelivery.findMany({ where: { endpointId } })).map((d) => d.eventId);
      expect(eventIds.sort()).toEqual([eventIdFor(first.id, "message.accepted"), eventIdFor(late.id, "message.accepted")].sort());
      await db.webhookEndpoint.delete({ where: { id: endpointId } });
      // Rows stamped in the future would be events for the next tests' endpoints.
      await db.message.deleteMany({ where: { id: { in: [first.id, late.id] } } });
    });

    /**
     * An endpoint created while a pass ran (between its list of endpoints and its read of the
     * rows), with its first event in that read; then `later` passes. The endpoint must get the event once.
     */
    const endpointCreatedMidPass = async (options: TailerOptions, later: PassOptions[]) => {
      // Another endpoint, so the pass reads at all.
      const { id: otherId } = await create("https://hooks.example.com/other", { eventTypes: ["alert.raised"] });
      let made: { endpointId: string; messageId: string } | undefined;
      const sources = (reads?.sources ?? prismaSources(db)).map((source, i) =>
        i > 0
          ? source
          : {
              ...source,
              async read(...args: Parameters<typeof source.read>) {
                if (!made) {
                  const { id: endpointId } = await create("https://hooks.example.com/new", { eventTypes: ["message.accepted"] });
                  made = { endpointId, messageId: (await acmeMessage("while the pass ran")).id };
                }
                return source.read(...args);
              },
            },
      );
      const tailer = createEventTailer(db, { ...options, sources });
      await tailer.pass();
      for (const pass of later) await tailer.pass(new Date(), pass);
      const eventIds = (await db.webhookDelivery.findMany({ where: { endpointId: made!.endpointId } })).map((d) => d.eventId);
      expect(eventIds).toEqual([eventIdFor(made!.messageId, "message.accepted")]);
      await db.webhookEndpoint.deleteMany({ where: { id: { in: [otherId, made!.endpointId] } } });
    };

    it("sends an endpoint created while a pass ran the events of rows that pass read before it knew the endpoint", async () => {
      await endpointCreatedMidPass({}, [{}, {}]);
    });

    it("still sends them when the next pass held the busy sources, and the one after is not a full pass", async () => {
      await endpointCreatedMidPass({ fullPassEveryMs: 60_000 }, [{ holdBusy: true }, {}]);
    });

    it("with fullPassEveryMs, re-reads the overlap and reads alerts only on full passes; the passes in between read new messages", async () => {
      const { id: endpointId } = await create("https://hooks.example.com/full", { eventTypes: ["message.accepted", "alert.raised"] });
      const start = Date.now();
      const first = await acmeMessage("first", new Date(start + 2000));
      const tailer = newTailer({ fullPassEveryMs: 60_000 });
      await tailer.pass(new Date(start));
      const late = await acmeMessage("late", new Date(first.createdAt.getTime() - 1000));
      const next = await acmeMessage("next", new Date(start + 3000));
      const alert = await db.alert.create({ data: { workspaceId: acme.id, rule: "new_ip", dedupKey: "acc|198.51.100.0/24", hourStart: new Date(), title: "First login from 198.51.100.7", evidence: "{}" } });
      const sent = async () => (await db.webhookDelivery.findMany({ where: { endpointId } })).map((d) => d.eventId).sort();
      await tailer.pass(new Date(start + 1000));
      expect(await sent()).toEqual([eventIdFor(first.id, "message.accepted"), eventIdFor(next.id, "message.accepted")].sort());
      await tailer.pass(new Date(start + 60_000));
      expect(await sent()).toEqual(
        [eventIdFor(first.id, "message.accepted"), eventIdFor(next.id, "message.accepted"), eventIdFor(late.id, "message.accepted"), eventIdFor(alert.id, "alert.raised")].sort(),
      );
      await db.webhookEndpoint.delete({ where: { id: endpointId } });
      await db.message.deleteMany({ where: { id: { in: [first.id, late.id, next.id] } } });
      await db.alert.delete({ where: { id: alert.id } });
    });

    it("reads delivery attempts written through Prisma (cuid ids) as well as the relay's, by their time-ordered ids", async () => {
      const { id: endpointId } = await create("https://hooks.example.com/held", { eventTypes: ["message.held", "message.deferred"] });
      const message = await db.message.create({
        data: { workspaceId: acme.id, passwordVersion: 1, clientIp: "192.0.2.1", envelopeFrom: "a@acme.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "b@example.com", status: "held" },
      });
      await db.deliveryAttempt.createMany({ data: [{ messageId: message.id, workspaceId: acme.id, outcome: "held", reply: "held by an incident report" }] });
      const attempt = await db.deliveryAttempt.findFirstOrThrow({ where: { messageId: message.id } });
      expect(attempt.id.startsWith(idFloor(new Date(Date.now() - 60_000)).slice(0, 4))).toBe(true);
      await newTailer().pass();
      const [delivery] = await db.webhookDelivery.findMany({ where: { endpointId } });
      expect(delivery).toMatchObject({ eventId: eventIdFor(attempt.id, "message.held"), eventType: "message.held" });
      expect(JSON.parse(delivery!.payload).data).toMatchObject({ message: { id: message.id, status: "held" }, reply: "held by an incident report" });
      await db.webhookEndpoint.delete({ where: { id: endpointId } });
    });
    it("turns an Alert row into alert.raised with its rule, title, account and evidence", async () => {
      const { id: endpointId } = await create("https://hooks.example.com/alerts", { eventTypes: ["alert.raised"] });
      const alert = await db.alert.create({
        data: { workspaceId: acme.id, rule: "new_ip", dedupKey: "acc|203.0.113.0/24", hourStart: new Date(), title: "First login from 203.0.113.9", evidence: JSON.stringify({ ip: "203.0.113.9" }) },
      });
      await newTailer().pass();
      const [delivery] = await db.webhookDelivery.findMany({ where: { endpointId } });
      expect(delivery!.eventId).toBe(eventIdFor(alert.id, "alert.raised"));
      expect(JSON.parse(delivery!.payload)).toMatchObject({
        type: "alert.raised",
        workspace: { id: acme.id, slug: "acme" },
        data: { alert: { id: alert.id, rule: "new_ip", title: "First login from 203.0.113.9", account: null, evidence: { ip: "203.0.113.9" }, holdApplied: false } },
      });
      await db.webhookEndpoint.delete({ where: { id: endpointId } });
    });
    it("with send, POSTs each new event once and logs it: delivered with its answer, or due again for the dispatcher after a failed first try", async () => {
      const receiver = await startWebhookReceiver();
      try {
        const up = await create(receiver.url("/direct"));
        const down = await create(receiver.url("/down"));
        receiver.answer("/down", [500]);
        const message = await db.message.create({
          data: { workspaceId: acme.id, passwordVersion: 1, clientIp: "192.0.2.1", envelopeFrom: "a@acme.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "b@example.com", status: "queued" },
        });
        // On SQLite passes are written with better-sqlite3 statements (in the relay, on its writer thread): the same here, on a connection of their own.
        const sqlite = providerOf(db) === "sqlite" ? sqlitePassWriter(env.DATABASE_URL.slice("file:".length)) : null;
        const tailer = newTailer({ send: { env }, write: sqlite?.write });
        expect(await tailer.pass()).toMatchObject({ queued: 2 });
        // The overlap re-reads the row: its deliveries are found, nothing is sent again.
        expect(await tailer.pass()).toMatchObject({ queued: 0 });
        const eventId = eventIdFor(message.id, "message.accepted");
        expect(receiver.verified("/direct", up.secret).map((e) => e.id)).toEqual([eventId]);
        expect(receiver.requests("/down").map((r) => r.status)).toEqual([500]);
        const logged = async (endpointId: string) => db.webhookDelivery.findFirstOrThrow({ where: { endpointId }, include: { attempts: true } });
        // A first try that succeeds lives on its delivery row alone; one that fails also gets an attempt row.
        expect(await logged(up.id)).toMatchObject({ eventId, status: "delivered", attemptCount: 1, lastStatus: 200, nextAttemptAt: null, attempts: [] });
        const failed = await logged(down.id);
        expect(failed).toMatchObject({ eventId, status: "pending", attemptCount: 1, lastStatus: 500, attempts: [{ statusCode: 500 }] });
        expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(failed.attempts[0]!.createdAt.getTime());
        expect((await listWebhookDeliveries({ db, workspaceId: acme.id, endpointId: up.id })).deliveries).toMatchObject([{ eventId, status: "delivered", lastStatus: 200 }]);
        // The retry is the dispatcher's, under the same id.
        await expect.poll(async () => (await dispatchDueDeliveries({ db, env, instance: "relay-a" })).delivered, { timeout: 5000, interval: 50 }).toBe(1);
        expect(receiver.verified("/down", down.secret).map((e) => e.id)).toEqual([eventId, eventId]);
        expect(await logged(down.id)).toMatchObject({ status: "delivered", attemptCount: 2, lastStatus: 200 });
        await db.webhookEndpoint.deleteMany({ where: { id: { in: [up.id, down.id] } } });
        sqlite?.close();
      } finally {
        await receiver.close();
      }
    });

    it("after a pass whose write failed half-way, sends again only what the failed pass did not record", async () => {
      const receiver = await startWebhookReceiver();
      try {
        const endpoint = await create(receiver.url("/half"));
          const record = prismaPassWriter(db);
        let failNext = false;
        // The deliveries are written, then the write fails before the cursors (a full disk, a crash).
        const write: PassWriter = async (rows) => {
          if (!failNext) return record(rows);
          failNext = false;
          await record({ ...rows, cursors: [] });
          throw new Error("the disk is full");
        };
        const tailer = newTailer({ send: { env }, write });
        const first = await acmeMessage("first");
        await tailer.pass();
        const second = await acmeMessage("second");
        failNext = true;
        await expect(tailer.pass()).rejects.toThrow("the disk is full");
        await tailer.pass();
        const sent = receiver.verified("/half", endpoint.secret).map((e) => e.id);
        expect(sent.sort()).toEqual([eventIdFor(first.id, "message.accepted"), eventIdFor(second.id, "message.accepted")].sort());
        await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
      } finally {
        await receiver.close();
      }
    });

    it("lets one relay at a time hold the sender lease, and another take it once it expires or is released", async () => {
      const a = createSenderLease(db, "relay-a", 60_000);
      const b = createSenderLease(db, "relay-b", 60_000);
      const now = new Date();
      expect(await a.held(now)).toBe(true);
      expect(await b.held(now)).toBe(false);
      expect(await a.held(new Date(now.getTime() + 40_000))).toBe(true);
      // Renewed at 40 s: still a's at 61 s; b's once a's renewal has run out.
      expect(await b.held(new Date(now.getTime() + 61_000))).toBe(false);
      expect(await b.held(new Date(now.getTime() + 101_000))).toBe(true);
      expect(await a.held(new Date(now.getTime() + 101_000))).toBe(false);
      // Released on a clean stop: another takes it at once.
      await b.release();
      expect(await a.held(new Date(now.getTime() + 102_000))).toBe(true);
      await db.tailCursor.deleteMany({ where: { name: SENDER_LEASE } });
    });
  });

  describe("the dispatcher", () => {
    it("lets two relays claim the same due deliveries without sending any twice", async () => {
      const receiver = await startWebhookReceiver();
      try {
        const { id: endpointId, secret } = await create(receiver.url("/claims"));
        await db.webhookDelivery.createMany({
          data: Array.from({ length: 30 }, (_, i) => ({ endpointId, workspaceId: acme.id, eventId: `evt_claim_${i}`, eventType: "message.accepted", payload: JSON.stringify({ id: `evt_claim_${i}` }), nextAttemptAt: new Date() })),
        });
        const [a, b] = await Promise.all([claimDueDeliveries({ db, instance: "relay-a" }), claimDueDeliveries({ db, instance: "relay-b" })]);
        const ids = [...a, ...b].map((d) => d.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(30);
        // Claimed rows are not due for anyone else until the claim expires.
        expect(await claimDueDeliveries({ db, instance: "relay-c" })).toEqual([]);
        await db.webhookDelivery.updateMany({ where: { endpointId }, data: { claimedUntil: null, claimedBy: null } });
        await Promise.all([dispatchDueDeliveries({ db, env, instance: "relay-a" }), dispatchDueDeliveries({ db, env, instance: "relay-b" })]);
        expect(receiver.verified("/claims", secret)).toHaveLength(30);
        expect(await db.webhookDelivery.count({ where: { endpointId, status: "delivered", attemptCount: 1, lastStatus: 200 } })).toBe(30);
        // First tries that succeeded: recorded on their deliveries, with no attempt rows.
        expect(await db.webhookAttempt.count({ where: { delivery: { endpointId } } })).toBe(0);
        await db.webhookEndpoint.delete({ where: { id: endpointId } });
      } finally {
        await receiver.close();
      }
    });

    it("refuses at send time an endpoint whose address is private once private targets are no longer allowed, and retries it later", async () => {
      const receiver = await startWebhookReceiver();
      try {
        const { id: endpointId } = await create(receiver.url("/later-private"));
        await db.webhookDelivery.create({ data: { endpointId, workspaceId: acme.id, eventId: "evt_private", eventType: "message.accepted", payload: "{}", nextAttemptAt: new Date() } });
        await dispatchDueDeliveries({ db, env: { ...env, WEBHOOK_ALLOW_PRIVATE: false }, instance: "relay-a" });
        expect(receiver.requests()).toHaveLength(0);
        const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId }, include: { attempts: true } });
        expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lastStatus: null });
        expect(delivery.attempts[0]!.error).toMatch(/private, loopback or link-local/);
        expect(delivery.nextAttemptAt!.getTime()).toBeGreaterThan(delivery.attempts[0]!.createdAt.getTime());
        await db.webhookEndpoint.delete({ where: { id: endpointId } });
      } finally {
        await receiver.close();
      }
    });
  });

  it("is pruned with the delivery logs: deliveries older than MESSAGE_RETENTION_DAYS go, unless still pending", async () => {
    const { id: endpointId } = await create("https://hooks.example.com/prune");
    const old = new Date(Date.now() - (env.MESSAGE_RETENTION_DAYS + 1) * 86_400_000);
    const row = (eventId: string, status: string, createdAt: Date) => ({ endpointId, workspaceId: acme.id, eventId, eventType: "message.accepted", payload: "{}", status, createdAt });
    await db.webhookDelivery.createMany({ data: [row("evt_old_done", "delivered", old), row("evt_old_failed", "failed", old), row("evt_old_pending", "pending", old), row("evt_new", "delivered", new Date())] });
    const result = await pruneExpired(db, env, env.DATA_DIR);
    expect(result.webhookDeliveries).toBe(2);
    expect((await db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { eventId: "asc" } })).map((d) => d.eventId)).toEqual(["evt_new", "evt_old_pending"]);
    await db.webhookEndpoint.delete({ where: { id: endpointId } });
  });
});
