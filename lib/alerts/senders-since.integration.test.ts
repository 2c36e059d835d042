// The evaluator's read of new mail on both databases: one group per account that sent after the
// cursor, with the oldest password version it used and the exact time of its latest message.
import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { seedTwoWorkspaces } from "../testing/two-workspaces";
import { sendersSince } from "./senders-since";

describeEachDatabase("accounts that sent since the alert cursor", (current) => {
  it("groups each account's messages after the cursor: oldest password version, latest time, nothing at or before the cursor, only the listed workspaces", async () => {
    const { db } = current();
    const { acme, globex } = await seedTwoWorkspaces(db);
    const since = new Date("2026-05-01T10:00:00.000Z");
    const at = (ms: number) => new Date(since.getTime() + ms);
    const send = (workspaceId: string, accountId: string, createdAt: Date, passwordVersion: number) =>
      db.message.create({ data: { workspaceId, accountId, passwordVersion, clientIp: "10.0.0.1", envelopeFrom: "a@acme.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@example.com", status: "queued", createdAt } });
    await send(acme.id, acme.main, at(0), 1); // at the cursor: already read
    await send(acme.id, acme.main, at(-5_000), 1);
    await send(acme.id, acme.main, at(1), 3);
    await send(acme.id, acme.main, at(2_345), 2);
    await send(acme.id, acme.other, at(999), 7);
    await send(globex.id, globex.main, at(10), 1); // a workspace not listed
    const groups = await sendersSince(db, [acme.id], since);
    const byAccount = Object.fromEntries(groups.map((g) => [g.accountId, { workspaceId: g.workspaceId, minVersion: g.minVersion, lastAt: g.lastAt.toISOString() }]));
    expect(byAccount).toEqual({
      [acme.main]: { workspaceId: acme.id, minVersion: 2, lastAt: at(2_345).toISOString() },
      [acme.other]: { workspaceId: acme.id, minVersion: 7, lastAt: at(999).toISOString() },
    });
  });
});
