// On PostgreSQL the relay's commit reads its account rows FOR SHARE, so a reset (or any change to
// the account) that commits first is seen and one that comes after waits for the batch. Share
// locks never wait for a waiting UPDATE, though: under continuous sending the account's row was
// share-locked by some batch at every moment and an admin's reset waited until the sending
// stopped (the benchmark saw 27 s, and Prisma's 5 s transaction limit failing the reset). Runs
// only with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../lib/testing/test-database";
import { createRelayStore } from "./create-relay-store";
import { prepareMessage } from "./prepare-message";
import type { RelayStore } from "./relay-store";
import { testSession } from "./test-session";
import { createTestAccount, seedWorkspace } from "./testbed";

describe.skipIf(!process.env.TEST_DATABASE_URL)("an account change while the relay commits its sends (PostgreSQL)", () => {
  let database: TestDatabase;
  let store: RelayStore;

  beforeAll(async () => {
    database = await createTestDatabase("PostgreSQL", {}, "migosmtp-write-turn-");
    store = await createRelayStore(database.env, database.db);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it("gets its turn within a second while eight batches at a time keep committing for the account", async () => {
    const where = await seedWorkspace(database.db);
    const account = await createTestAccount(database.db, database.env, where);
    let sending = true;
    let committed = 0;
    const raw = Buffer.from("From: app@acme.test\r\nTo: sink@example.com\r\nSubject: turn\r\n\r\nbody\r\n");
    const senders = Array.from({ length: 8 }, async () => {
      while (sending) {
        const message = prepareMessage({ session: testSession(account.id), envelopeFrom: "app@acme.test", recipients: ["sink@example.com"], raw, publicHost: "relay.test" });
        await store.commitBatch([message], new Date());
        committed++;
      }
    });
    try {
      while (committed < 50) await new Promise((resolve) => setTimeout(resolve, 20));
      const started = Date.now();
      const renamed = database.db.smtpAccount.update({ where: { id: account.id }, data: { label: "Renamed while sending" }, select: { id: true } });
      const waited = await Promise.race([renamed.then(() => Date.now() - started), new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 5_000))]);
      expect(waited).toBeLessThan(1_000);
      const during = committed;
      await new Promise((resolve) => setTimeout(resolve, 200));
      // And the sending went on after it.
      expect(committed).toBeGreaterThan(during);
    } finally {
      sending = false;
      await Promise.allSettled(senders);
    }
  }, 30_000);
});
