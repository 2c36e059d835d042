// The suppression list as the relay enforces it, over real SMTP on SQLite and PostgreSQL: a test
// smarthost hard-bounces one recipient (550 5.1.1), the delivery worker puts the address on the
// workspace's list, the next RCPT TO it is refused with 550 5.1.1 and a "suppressed" delivery-log
// entry, and removing the entry lets the next RCPT through. Manual entries refuse as well; a 4xx
// never suppresses.
import nodemailer from "nodemailer";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import type { Actor } from "../lib/smtp-accounts/actor";
import { addSuppression } from "../lib/suppressions/add-suppression";
import { removeSuppression } from "../lib/suppressions/remove-suppression";
import { databaseKinds } from "../lib/testing/test-database";
import { createRelayStore } from "./create-relay-store";
import { startDeliveryWorker, type DeliveryWorker } from "./delivery-worker";
import type { RelayStore } from "./relay-store";
import { openAuthenticated } from "./raw-smtp-client";
import { createRelay, type Relay } from "./server";
import { createTestAccount, createTestbedOn, seedWorkspace, type Creds, type Testbed } from "./testbed";
import { testSmarthost } from "./test-smarthost";

const logger = pino({ level: "silent" });
const actor: Actor = { id: "user_admin", email: "admin@acme.test", authTime: new Date(), meta: { ip: "203.0.113.7", userAgent: "vitest" } };

/** A loopback smarthost: `gone…@` has no mailbox (550 5.1.1), `busy…@` is full for now (452 4.2.2), everyone else is accepted. */
const smarthost = () =>
  testSmarthost({
    refuse: (address) => (address.startsWith("gone") ? { code: 550, text: "5.1.1 No such user here" } : address.startsWith("busy") ? { code: 452, text: "4.2.2 Mailbox full, try later" } : null),
  });

for (const kind of databaseKinds())
  describe(`the suppression list on ${kind}`, () => {
    let bed: Testbed;
    let db: Db;
    let store: RelayStore;
    let relay: Relay;
    let worker: DeliveryWorker;
    let drop: () => Promise<void>;
    let where: { workspaceId: string; domainId: string };
    let creds: Creds;
    const upstream = smarthost();

    beforeAll(async () => {
      ({ bed, db, drop } = await createTestbedOn(kind, { LOG_LEVEL: "silent" }));
      where = await seedWorkspace(db);
      creds = await createTestAccount(db, bed.env, where);
      store = await createRelayStore(bed.env, db);
      relay = createRelay({ env: bed.env, db, store, logger, shutdownGraceMs: 2000 });
      await relay.listen();
      await upstream.listen();
      worker = startDeliveryWorker({ env: { ...bed.env, RELAY_UPSTREAM_URL: `smtp://127.0.0.1:${upstream.port()}` }, db, store, logger, retryBaseMs: 60_000, idlePollMs: 100 });
    }, 120_000);

    afterAll(async () => {
      await worker?.stop();
      await relay?.close();
      await upstream.close();
      await store?.close();
      await drop?.();
    });

    function send(to: string | string[], subject: string) {
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: relay.ports().starttls,
        secure: false,
        requireTLS: true,
        auth: { user: creds.username, pass: creds.password },
        tls: { ca: [bed.certPem], servername: "localhost" },
      });
      return transport.sendMail({ from: "app@acme.test", to, subject, text: `body of ${subject}` });
    }

    async function queued(to: string | string[], subject: string): Promise<string> {
      const info = await send(to, subject);
      worker.wake();
      return /queued as (\S+)$/.exec(info.response)![1]!;
    }

    const refusal = (to: string, subject: string) =>
      send(to, subject).then(
        () => null,
        (e: { responseCode?: number; response?: string }) => e,
      );

    const status = async (id: string) => (await db.message.findUnique({ where: { id } }))?.status;
    const entry = (address: string) => db.suppression.findUnique({ where: { workspaceId_address: { workspaceId: where.workspaceId, address } } });

    it("suppresses a hard-bounced address, refuses the next RCPT TO it with 550 5.1.1 and a delivery-log entry, and lets it through once removed", async () => {
      const bounced = await queued("gone-1@example.com", "to a mailbox that is gone");
      await expect.poll(() => status(bounced), { timeout: 10_000 }).toBe("bounced");
      const suppression = await entry("gone-1@example.com");
      expect(suppression).toMatchObject({ reason: "hard_bounce", messageId: bounced, detail: expect.stringContaining("550 5.1.1 No such user here") });

      const refused = await refusal("Gone-1@Example.com", "again");
      expect(refused?.responseCode).toBe(550);
      expect(refused?.response).toMatch(
        /^550 5\.1\.1 <gone-1@example\.com>: recipient is on this workspace's suppression list \(hard bounce, since \d{4}-\d{2}-\d{2}\); remove it in MigoSMTP to send again$/,
      );
      await expect
        .poll(() => db.message.findMany({ where: { workspaceId: where.workspaceId, status: "suppressed", firstRecipient: "gone-1@example.com" }, include: { recipients: true, attempts: true } }), { timeout: 5000 })
        .toMatchObject([{ accountId: creds.id, envelopeFrom: "app@acme.test", raw: null, lastReply: refused!.response, recipients: [{ address: "gone-1@example.com", domain: "example.com" }], attempts: [{ outcome: "suppressed" }] }]);

      await removeSuppression({ db, workspaceId: where.workspaceId, suppressionId: suppression!.id, actor });
      expect(await db.auditEvent.findFirst({ where: { workspaceId: where.workspaceId, action: "suppression.remove", targetId: suppression!.id } })).toMatchObject({ targetLabel: "gone-1@example.com" });
      await expect(send("gone-1@example.com", "after removal")).resolves.toMatchObject({ response: expect.stringMatching(/^250 2\.0\.0 Ok: queued as /) });
    });

    it("suppresses only the refused recipient when the smarthost takes the others", async () => {
      const id = await queued(["ok-2@example.com", "gone-2@example.com"], "one of two is gone");
      await expect.poll(() => status(id), { timeout: 10_000 }).toBe("delivered");
      await expect.poll(() => entry("gone-2@example.com"), { timeout: 5000 }).toMatchObject({ reason: "hard_bounce", messageId: id });
      expect(await entry("ok-2@example.com")).toBeNull();
      // The others in the same message still go through; only the suppressed one is refused.
      const info = await send(["ok-2@example.com", "gone-2@example.com"], "mixed").catch((e: unknown) => e);
      expect(info).toMatchObject({ rejected: ["gone-2@example.com"], accepted: ["ok-2@example.com"] });
    });

    it("refuses an address an admin added, whatever its case", async () => {
      await addSuppression({ db, workspaceId: where.workspaceId, address: "manual-3@example.com", note: "asked to be left alone", actor });
      const since = (await entry("manual-3@example.com"))!.createdAt.toISOString().slice(0, 10);
      const refused = await refusal("MANUAL-3@example.COM", "manual");
      expect(refused?.responseCode).toBe(550);
      expect(refused?.response).toContain(`<manual-3@example.com>: recipient is on this workspace's suppression list (added by an admin, since ${since});`);
    });

    it("refuses a suppressed address written with a quoted local part, which names the same mailbox", async () => {
      await addSuppression({ db, workspaceId: where.workspaceId, address: "quoted-6@example.com", note: "asked to be left alone", actor });
      const session = await openAuthenticated(relay.ports().starttls, bed.certPem, creds.username, creds.password);
      try {
        expect(await session.command("MAIL FROM:<app@acme.test>")).toMatch(/^250 /);
        for (const rcpt of ['"quoted-6"@example.com', '"quot\\ed-6"@Example.com'])
          expect(await session.command(`RCPT TO:<${rcpt}>`), rcpt).toMatch(/^550 5\.1\.1 <quoted-6@example\.com>: recipient is on this workspace's suppression list/);
      } finally {
        session.close();
      }
    });

    it("never suppresses on a 4xx: the message is deferred and the address stays off the list", async () => {
      const id = await queued("busy-4@example.com", "to a full mailbox");
      await expect.poll(() => status(id), { timeout: 10_000 }).toBe("deferred");
      expect(await entry("busy-4@example.com")).toBeNull();
      await expect(send("busy-4@example.com", "still fine")).resolves.toMatchObject({ response: expect.stringMatching(/^250 /) });
    });

    it("keeps each workspace's list to itself", async () => {
      const other = await seedWorkspace(db);
      await db.suppression.create({ data: { workspaceId: other.workspaceId, address: "theirs-5@example.com", reason: "manual" } });
      await expect(send("theirs-5@example.com", "not ours")).resolves.toMatchObject({ response: expect.stringMatching(/^250 /) });
    });
  });
