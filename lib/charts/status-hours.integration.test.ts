// The Delivery Logs strip of a status filter reads counted hours (StatusHour) plus the changes the
// triggers record after a pass: whatever changes a counted hour's messages — a status update by
// Prisma or raw SQL, a bulk hold, an insert into a past hour, a delete, a workspace's deletion —
// the counts equal counting the messages live, before and after the changes are folded in.
import { beforeAll, expect, it } from "vitest";
import type { Db } from "../db";
import { describeEachDatabase } from "../testing/each-database";
import { seedTwoWorkspaces } from "../testing/two-workspaces";
import { rollUpAllClosedHours } from "./rollups";
import { statusHours } from "./status-hours";
import { foldStatusChanges, rollUpStatusHours, STATUS_CURSOR } from "./status-rollup";
import { rollupWatermark } from "./volume-rollup";

const now = new Date("2026-03-10T12:30:00.000Z");
const hoursAgo = (h: number, minutes = 10) => new Date(Date.UTC(2026, 2, 10, 12 - h, minutes));
const window = { start: new Date("2026-03-07T00:00:00.000Z"), end: now };
const STATUSES = ["queued", "deferred", "delivered", "bounced", "held", "suppressed"];

describeEachDatabase("status counts per hour", { prefix: "migosmtp-status-hours-" }, (current) => {
  let db: Db;
  const ws = { acme: { id: "", main: "" }, globex: { id: "", main: "" } };
  const message = (workspaceId: string, accountId: string, createdAt: Date, status: string) =>
    db.message.create({
      data: { workspaceId, accountId, passwordVersion: 1, clientIp: "10.0.0.1", envelopeFrom: "a@acme.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@example.com", status, createdAt },
      select: { id: true },
    });

  /** Each status's hours as counted live from Message, and as the strip reads them. */
  const both = async (workspaceId: string) => {
    const live: Record<string, Record<number, number>> = {};
    const read: Record<string, Record<number, number>> = {};
    const rows = await db.message.findMany({ where: { workspaceId, createdAt: { gte: window.start, lte: window.end } }, select: { status: true, createdAt: true } });
    for (const r of rows) {
      const hour = Math.floor(r.createdAt.getTime() / 3_600_000) * 3_600_000;
      (live[r.status] ??= {})[hour] = (live[r.status]?.[hour] ?? 0) + 1;
    }
    for (const status of STATUSES) {
      const hours = await statusHours(db, { workspaceId, status, ...window });
      if (hours.length) read[status] = Object.fromEntries(hours.map((h) => [h.hour, h.count]));
    }
    return { live, read };
  };
  const expectExact = async () => {
    for (const w of [ws.acme, ws.globex]) {
      const { live, read } = await both(w.id);
      expect(read).toEqual(live);
    }
  };

  beforeAll(async () => {
    ({ db } = current());
    const seeded = await seedTwoWorkspaces(db);
    Object.assign(ws.acme, { id: seeded.acme.id, main: seeded.acme.main });
    Object.assign(ws.globex, { id: seeded.globex.id, main: seeded.globex.main });
    for (const [h, status] of [[0, "delivered"], [0, "queued"], [2, "delivered"], [2, "deferred"], [2, "deferred"], [5, "bounced"], [30, "delivered"], [30, "deferred"]] as const) {
      await message(ws.acme.id, ws.acme.main, hoursAgo(h), status);
    }
    await message(ws.globex.id, ws.globex.main, hoursAgo(2), "deferred");
  });

  it("counts every closed hour once by status, and the hour under way live", async () => {
    expect(await rollUpAllClosedHours(db, now)).toBeGreaterThan(0);
    expect(await rollupWatermark(db, STATUS_CURSOR)).toEqual(new Date("2026-03-10T12:00:00.000Z"));
    expect(await db.statusHour.count()).toBeGreaterThan(0);
    await expectExact();
  });

  it("follows every change to a counted hour's messages, before and after the fold", async () => {
    const deferred = await db.message.findMany({ where: { workspaceId: ws.acme.id, status: "deferred" }, select: { id: true }, orderBy: { createdAt: "asc" } });
    // The delivery worker's way (Prisma update), a raw UPDATE, a bulk hold, a delete, an insert into a past hour.
    await db.message.update({ where: { id: deferred[0]!.id }, data: { status: "delivered" } });
    await db.$executeRaw`UPDATE "Message" SET "status" = 'bounced' WHERE "id" = ${deferred[1]!.id}`;
    await db.message.updateMany({ where: { workspaceId: ws.acme.id, status: "delivered", createdAt: { lt: hoursAgo(1, 0) } }, data: { status: "held" } });
    await db.message.deleteMany({ where: { workspaceId: ws.acme.id, status: "bounced", createdAt: { lt: hoursAgo(4, 0) } } });
    await message(ws.acme.id, ws.acme.main, hoursAgo(3), "suppressed");
    // A message of the hour under way changes too, which no count holds yet.
    await db.message.updateMany({ where: { workspaceId: ws.acme.id, status: "queued" }, data: { status: "delivered" } });
    expect(await db.statusHourChange.count()).toBeGreaterThan(0);
    await expectExact();
    expect(await foldStatusChanges(db)).toBeGreaterThan(0);
    expect(await db.statusHourChange.count()).toBe(0);
    await expectExact();
  });

  it("drops the changes a workspace's deletion records, and the workspace's counts", async () => {
    const doomed = await db.workspace.create({ data: { slug: "doomed", name: "doomed" } });
    await db.message.create({
      data: { workspaceId: doomed.id, passwordVersion: 1, clientIp: "10.0.0.1", envelopeFrom: "a@doomed.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@example.com", status: "delivered", createdAt: hoursAgo(6) },
    });
    expect(await db.statusHourChange.count({ where: { workspaceId: doomed.id } })).toBe(1);
    await foldStatusChanges(db);
    expect(await db.statusHour.count({ where: { workspaceId: doomed.id } })).toBe(1);
    await db.workspace.delete({ where: { id: doomed.id } });
    await foldStatusChanges(db);
    expect(await db.statusHour.count({ where: { workspaceId: doomed.id } })).toBe(0);
    expect(await db.statusHourChange.count()).toBe(0);
    await expectExact();
  });

  it("counts an hour right when a status changes while the pass that counts it runs", async (context) => {
    if (current().kind !== "PostgreSQL") return context.skip();
    // A deferred message of an hour the next pass will count, delivered in a transaction that is
    // still open when the pass starts: the pass must see the delivery or the trigger must record it.
    const later = new Date("2026-03-10T14:30:00.000Z");
    const id = (await message(ws.acme.id, ws.acme.main, new Date("2026-03-10T12:40:00.000Z"), "deferred")).id;
    let pass: Promise<unknown> | undefined;
    await db.$transaction(async (tx) => {
      await tx.message.update({ where: { id }, data: { status: "delivered" } });
      pass = rollUpStatusHours({ db, now: later });
      await new Promise((r) => setTimeout(r, 300));
    });
    await pass;
    expect(await rollupWatermark(db, STATUS_CURSOR)).toEqual(new Date("2026-03-10T14:00:00.000Z"));
    const hour = Date.UTC(2026, 2, 10, 12);
    const read = async (status: string) => (await statusHours(db, { workspaceId: ws.acme.id, status, start: new Date(hour), end: later })).find((h) => h.hour === hour)?.count ?? 0;
    const live = (status: string) => db.message.count({ where: { workspaceId: ws.acme.id, status, createdAt: { gte: new Date(hour), lt: new Date(hour + 3_600_000) } } });
    for (const status of ["deferred", "delivered"]) expect(await read(status)).toBe(await live(status));
  });
});
