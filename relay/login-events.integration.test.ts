// The batched LoginEvent writer against a real database, through the relay: an account deleted
// 10 ms after its AUTH (before the 200 ms flush) must not stop the successful logins of other
// accounts from being stored. SQLite always; PostgreSQL when TEST_DATABASE_URL names a server
// where the role may CREATE DATABASE.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { authenticateSmtp, authPolicyFromEnv } from "../lib/smtp-accounts/authenticate";
import { createLoginEventWriter, type LoginEventDropReason, type LoginEventWriter } from "./login-events";
import { openAuthenticated } from "./raw-smtp-client";
import { createRelayStore } from "./create-relay-store";
import type { RelayStore } from "./relay-store";
import { createRelay, type Relay } from "./server";
import { databaseKinds, type DatabaseKind } from "../lib/testing/test-database";
import { createTestAccount, createTestbedOn, seedWorkspace, type Testbed } from "./testbed";

type Setup = { bed: Testbed; db: Db; cleanup(): Promise<void> };

const onDatabase = (kind: DatabaseKind) => async (): Promise<Setup> => {
  const { bed, db, drop } = await createTestbedOn(kind, { LOG_LEVEL: "silent" });
  return { bed, db, cleanup: drop };
};

function suite(label: string, make: () => Promise<Setup>) {
  describe(label, () => {
    let setup: Setup;
    let store: RelayStore;
    let relay: Relay;
    let loginEvents: LoginEventWriter;
    const dropped: Partial<Record<LoginEventDropReason, number>> = {};
    let detached = 0;

    beforeAll(async () => {
      setup = await make();
      store = await createRelayStore(setup.bed.env, setup.db);
      // The test flushes itself, so which logins share the poisoned batch does not depend on timing.
      loginEvents = createLoginEventWriter(setup.db, {
        intervalMs: 60_000,
        onDropped: (count, reason) => (dropped[reason] = (dropped[reason] ?? 0) + count),
        onDetached: (count) => (detached += count),
      });
      relay = createRelay({ env: setup.bed.env, db: setup.db, store, loginEvents, logger: pino({ level: "silent" }), shutdownGraceMs: 1000 });
      await relay.listen();
    }, 120_000);

    afterAll(async () => {
      await relay?.close();
      await loginEvents?.stop();
      await store?.close();
      await setup?.db.$disconnect();
      await setup?.cleanup();
    });

    const login = async (username: string, password: string) => {
      const session = await openAuthenticated(relay.ports().starttls, setup.bed.certPem, username, password);
      session.close();
    };

    it("keeps storing other accounts' logins after an account is deleted 10 ms after its AUTH", async () => {
      const where = await seedWorkspace(setup.db);
      const victim = await createTestAccount(setup.db, setup.bed.env, where);
      const others = await Promise.all(Array.from({ length: 6 }, () => createTestAccount(setup.db, setup.bed.env, where)));

      await login(victim.username, victim.password);
      await new Promise((resolve) => setTimeout(resolve, 10));
      await setup.db.smtpAccount.delete({ where: { id: victim.id } });
      // Three logins share the poisoned batch; three more come in the batches after it.
      for (const other of others.slice(0, 3)) await login(other.username, other.password);
      await loginEvents.flush();
      for (const other of others.slice(3)) {
        await login(other.username, other.password);
        await loginEvents.flush();
      }

      const otherIds = others.map((o) => o.id);
      await expect
        .poll(() => setup.db.loginEvent.count({ where: { accountId: { in: otherIds }, success: true } }), { timeout: 5000, interval: 100 })
        .toBe(others.length);
      await expect.poll(() => setup.db.loginEvent.findMany({ where: { username: victim.username } }), { timeout: 5000, interval: 100 }).toMatchObject([
        { username: victim.username, accountId: null, workspaceId: where.workspaceId, success: true },
      ]);
      expect(detached).toBe(1);
      expect(dropped).toEqual({});
    });

    it("records a failed login of an account deleted during its AUTH, nulled, and still counts the failure", async () => {
      const where = await seedWorkspace(setup.db);
      const account = await createTestAccount(setup.db, setup.bed.env, where);
      // The account is read, then deleted before the failure is written: the race, made certain.
      const racing = new Proxy(setup.db, {
        get(target, key, receiver) {
          if (key !== "smtpAccount") return Reflect.get(target, key, receiver) as unknown;
          return {
            ...target.smtpAccount,
            findUnique: async (args: Parameters<Db["smtpAccount"]["findUnique"]>[0]) => {
              const found = await target.smtpAccount.findUnique(args);
              await target.smtpAccount.delete({ where: { id: account.id } });
              return found;
            },
          };
        },
      });
      const result = await authenticateSmtp({
        db: racing,
        username: account.username,
        password: "not-the-password",
        clientIp: "192.0.2.9",
        tlsProtocol: "TLSv1.3",
        method: "PLAIN",
        policy: authPolicyFromEnv(setup.bed.env),
      });
      expect(result).toEqual({ ok: false, reason: "bad_credentials" });
      expect(await setup.db.loginEvent.findMany({ where: { username: account.username } })).toMatchObject([
        { accountId: null, workspaceId: where.workspaceId, success: false, reason: "bad_credentials" },
      ]);
      expect(await setup.db.rateCounter.count({ where: { key: { startsWith: `smtp-auth-fail:${account.username}|192.0.2.9` } } })).toBe(1);
    });

    it("writes the logins still waiting when it stops", async () => {
      const where = await seedWorkspace(setup.db);
      const account = await createTestAccount(setup.db, setup.bed.env, where);
      const writer = createLoginEventWriter(setup.db, { intervalMs: 60_000 });
      writer.record({
        workspaceId: where.workspaceId,
        accountId: account.id,
        username: account.username,
        clientIp: "127.0.0.1",
        tlsProtocol: "TLSv1.3",
        method: "PLAIN",
        passwordVersion: 1,
        success: true,
        reason: null,
        createdAt: new Date(),
      });
      await writer.stop();
      expect(await setup.db.loginEvent.count({ where: { accountId: account.id } })).toBe(1);
    });
  });
}

for (const kind of databaseKinds()) suite(`login events on ${kind}`, onDatabase(kind));
