// Expiry warnings through the relay's own loops on each database: housekeeping queues the
// warning for the workspace's owners and admins, the delivery worker hands it to the sink, and a
// second housekeeping pass does not send it again.
import fs from "node:fs";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { databaseKinds } from "../lib/testing/test-database";
import { createRelayStore } from "./create-relay-store";
import { sinkPath, startDeliveryWorker } from "./delivery-worker";
import { startHousekeeping } from "./housekeeping";
import type { RelayStore } from "./relay-store";
import { createTestAccount, createTestbedOn, seedWorkspace } from "./testbed";

const DAY = 86_400_000;

for (const kind of databaseKinds())
  describe(`expiry warnings from the relay (${kind})`, () => {
    let drop: (() => Promise<void>) | undefined;
    let env: Env;
    let db: Db;
    let store: RelayStore;

    beforeAll(async () => {
      const bed = await createTestbedOn(kind, { LOG_LEVEL: "silent" });
      drop = bed.drop;
      env = bed.bed.env;
      db = bed.db;
      store = await createRelayStore(env, db);
    }, 120_000);

    afterAll(async () => {
      await store?.close();
      await drop?.();
    });

    const housekeepingPass = async () => {
      // The first pass runs at start; stop waits for it.
      const housekeeping = startHousekeeping({ env, db, logger: pino({ level: "silent" }), pollMs: 60_000 });
      await housekeeping.stop();
    };

    it("emails the owners and admins once, 3 days ahead, through the delivery worker to the sink", async () => {
      const where = await seedWorkspace(db);
      const people = [
        { email: "owner@acme.test", role: "owner" },
        { email: "admin@acme.test", role: "admin" },
        { email: "dev@acme.test", role: "developer" },
      ];
      for (const p of people) {
        const user = await db.user.create({ data: { issuer: "test", subject: p.email, email: p.email, emailVerified: true } });
        await db.membership.create({ data: { workspaceId: where.workspaceId, userId: user.id, role: p.role } });
      }
      const creds = await createTestAccount(db, env, where);
      await db.smtpAccount.update({ where: { id: creds.id }, data: { label: "Billing app", expiresAt: new Date(Date.now() + 2 * DAY + 3_600_000) } });

      await housekeepingPass();
      const messages = await db.message.findMany({ where: { workspaceId: where.workspaceId }, select: { id: true, subject: true, recipients: { select: { address: true } } } });
      expect(messages).toHaveLength(1);
      expect(messages[0]!.subject).toBe('SMTP account "Billing app" expires in 3 days');
      expect(messages[0]!.recipients.map((r) => r.address).sort()).toEqual(["admin@acme.test", "owner@acme.test"]);
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id: creds.id } })).expiryWarnedDays).toBe(3);

      const worker = startDeliveryWorker({ env, db, store, logger: pino({ level: "silent" }) });
      try {
        const file = sinkPath(env.DATA_DIR, messages[0]!.id);
        await expect.poll(() => fs.existsSync(file), { timeout: 10_000, interval: 100 }).toBe(true);
        const eml = fs.readFileSync(file, "utf8");
        expect(eml).toContain('Subject: SMTP account "Billing app" expires in 3 days');
        expect(eml).toContain(`Username: ${creds.username}`);
      } finally {
        await worker.stop();
      }

      await housekeepingPass();
      expect(await db.message.count({ where: { workspaceId: where.workspaceId } })).toBe(1);
      expect(await db.auditEvent.count({ where: { workspaceId: where.workspaceId, action: "account.expiry_warning" } })).toBe(1);
    });

    it("sends the next warning when the day comes, and re-arms when the expiry moves later", async () => {
      const where = await seedWorkspace(db);
      const user = await db.user.create({ data: { issuer: "test", subject: `o-${where.workspaceId}`, email: "boss@acme.test", emailVerified: true } });
      await db.membership.create({ data: { workspaceId: where.workspaceId, userId: user.id, role: "owner" } });
      const creds = await createTestAccount(db, env, where);
      // Warned 14 days ahead already; now within a day.
      await db.smtpAccount.update({ where: { id: creds.id }, data: { expiresAt: new Date(Date.now() + 3_600_000), expiryWarnedDays: 14 } });
      await housekeepingPass();
      expect(await db.message.findMany({ where: { workspaceId: where.workspaceId }, select: { subject: true } })).toEqual([{ subject: 'SMTP account "test" expires within a day' }]);

      await db.smtpAccount.update({ where: { id: creds.id }, data: { expiresAt: new Date(Date.now() + 60 * DAY) } });
      await housekeepingPass();
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id: creds.id } })).expiryWarnedDays).toBeNull();
      expect(await db.message.count({ where: { workspaceId: where.workspaceId } })).toBe(1);
    });
  });
