// Chart queries on both databases: hourly buckets cut in SQL agree with the rows' own hours,
// every bucket is present, and nothing of another workspace is ever counted.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db";
import { describeEachDatabase } from "../testing/each-database";
import { seedTwoWorkspaces } from "../testing/two-workspaces";
import { filteredVolume, stripWindow } from "./filtered-volume";
import { authFailures, loginsByIp } from "./login-activity";
import { Prisma } from "../generated/sqlite/client";
import { accountSends24h } from "./account-sends";
import { CHART_CACHE_MS, clearChartCache } from "./chart-cache";
import { countPerHour } from "./hour-buckets";
import { messageVolume } from "./message-volume";
import { chartWindow, HOUR_MS } from "./range";
import { topAccounts } from "./top-accounts";

// A fixed "now" in the middle of an hour, so each row's hour is known exactly.
const now = new Date("2026-03-10T12:30:00.000Z");
const hoursAgo = (h: number, minutes = 10) => new Date(Date.UTC(2026, 2, 10, 12 - h, minutes));
let db: Db;
const acme = { id: "", main: "", other: "" };
const globex = { id: "", main: "" };

describeEachDatabase("chart queries", { prefix: "migosmtp-charts-" }, (current) => {
  beforeAll(async () => {
    ({ db } = current());
    const seeded = await seedTwoWorkspaces(db);
    Object.assign(acme, seeded.acme);
    Object.assign(globex, seeded.globex);
    const message = (workspaceId: string, accountId: string, createdAt: Date, status: string) =>
      db.message.create({
        data: { workspaceId, accountId, passwordVersion: 1, clientIp: "10.0.0.1", envelopeFrom: "a@acme.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@example.com", status, createdAt },
      });
    await message(acme.id, acme.main, hoursAgo(0), "delivered");
    await message(acme.id, acme.main, hoursAgo(0, 25), "delivered");
    await message(acme.id, acme.main, hoursAgo(3), "bounced");
    await message(acme.id, acme.other, hoursAgo(3), "deferred");
    await message(acme.id, acme.main, hoursAgo(30), "delivered"); // outside 24 h, inside 7 d
    await message(globex.id, globex.main, hoursAgo(0), "delivered");
    const login = (workspaceId: string, accountId: string, clientIp: string, createdAt: Date, success = true) =>
      db.loginEvent.create({ data: { workspaceId, accountId, username: "u", clientIp, method: "PLAIN", success, reason: success ? null : "bad_credentials", createdAt } });
    await login(acme.id, acme.main, "10.0.0.1", hoursAgo(100)); // seen long before: not new
    await login(acme.id, acme.main, "10.0.0.1", hoursAgo(2));
    await login(acme.id, acme.main, "203.0.113.7", hoursAgo(1));
    await login(acme.id, acme.main, "203.0.113.7", hoursAgo(1, 20), false);
    await login(acme.id, acme.main, "203.0.113.7", hoursAgo(1, 40), false);
    await login(globex.id, globex.main, "10.9.9.9", hoursAgo(1), false);
  }, 180_000);

  describe("message volume", () => {
    it("counts a workspace's messages per hour by status over 24 h, with every hour present", async () => {
      const window = chartWindow("24h", now);
      const volume = await messageVolume(db, { workspaceId: acme.id, window });
      expect(volume.buckets).toHaveLength(24);
      expect(volume.buckets.at(-1)).toMatchObject({ start: new Date("2026-03-10T12:00:00.000Z"), delivered: 2 });
      expect(volume.buckets.at(-4)).toMatchObject({ start: new Date("2026-03-10T09:00:00.000Z"), bounced: 1, deferred: 1 });
      expect(volume.totals).toMatchObject({ delivered: 2, bounced: 1, deferred: 1, rejected: 0, held: 0 });
      expect(volume.total).toBe(4);
    });

    it("groups 30 days into days and one account's messages apart from the rest", async () => {
      const month = await messageVolume(db, { workspaceId: acme.id, accountId: acme.main, window: chartWindow("30d", now) });
      expect(month.buckets).toHaveLength(30);
      expect(month.buckets.at(-1)).toMatchObject({ delivered: 2, bounced: 1 });
      expect(month.buckets.at(-2)).toMatchObject({ delivered: 1 });
      expect(month.total).toBe(4);
    });

    it("counts each listed account's last 24 h, in total and hour by hour, from the same rows", async () => {
      const sends = await accountSends24h(db, { workspaceId: acme.id, accountIds: [acme.main, acme.other, globex.main], now });
      expect(sends.get(acme.main)).toMatchObject({ total: 3 });
      expect(sends.get(acme.main)!.hourly.reduce((a, b) => a + b, 0)).toBe(3);
      // 25 points: the partial hour 24 h ago, 23 whole hours, and the hour under way.
      expect(sends.get(acme.other)!.hourly).toHaveLength(25);
      expect(sends.get(acme.other)!.hourly[21]).toBe(1);
      expect(sends.get(globex.main)).toEqual({ total: 0, hourly: new Array(25).fill(0) });
    });

    it("ranks the top accounts by volume within the workspace only", async () => {
      const top = await topAccounts(db, { workspaceId: acme.id, window: chartWindow("7d", now) });
      expect(top).toEqual([
        { accountId: acme.main, label: "main", count: 4 },
        { accountId: acme.other, label: "other", count: 1 },
      ]);
    });

    it("buckets whatever the Delivery Logs filters select", async () => {
      const window = stripWindow(new Date(now.getTime() - 24 * HOUR_MS), undefined, now);
      const strip = await filteredVolume(db, { where: { workspaceId: acme.id, status: "delivered" }, window });
      expect(strip.total).toBe(2);
      expect(strip.partial).toBe(false);
      expect(window.bucketMs).toBe(HOUR_MS);
    });
  });

  describe("memoized finished hours", () => {
    // Far from `now` above, so these rows stay out of the other tests' windows.
    const later = new Date("2026-01-05T08:30:00.000Z");
    const at = (h: number) => new Date(Date.UTC(2026, 0, 5, 8 - h, 10));
    const add = (createdAt: Date) =>
      db.message.create({
        data: { workspaceId: globex.id, accountId: globex.main, passwordVersion: 1, clientIp: "192.0.2.99", envelopeFrom: "a@globex.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@example.com", status: "delivered", createdAt },
      });
    const counted = async (nowMs: number) => {
      const where = Prisma.sql`"workspaceId" = ${globex.id} AND "clientIp" = ${"192.0.2.99"}`;
      const hours = await countPerHour(db, { table: "Message", keyColumn: "status", where }, new Date(Date.UTC(2026, 0, 4, 9)), new Date(nowMs), { memoize: true, now: nowMs });
      const sum = (past: boolean) => hours.filter((h) => (h.hour < Date.UTC(2026, 0, 5, 8)) === past).reduce((a, h) => a + h.count, 0);
      return { past: sum(true), current: sum(false) };
    };

    it("reads finished hours at most once a minute and the hour under way every time", async () => {
      clearChartCache();
      await add(at(3));
      await add(at(0));
      expect(await counted(later.getTime())).toEqual({ past: 1, current: 1 });
      await add(at(3));
      await add(at(0));
      expect(await counted(later.getTime() + 1000)).toEqual({ past: 1, current: 2 });
      expect(await counted(later.getTime() + CHART_CACHE_MS + 1)).toEqual({ past: 2, current: 2 });
    });
  });

  describe("login activity", () => {
    it("counts AUTH failures per hour for the workspace alone", async () => {
      const failures = await authFailures(db, { workspaceId: acme.id, window: chartWindow("24h", now) });
      expect(failures.total).toBe(2);
      expect(failures.buckets.at(-2)).toMatchObject({ start: new Date("2026-03-10T11:00:00.000Z"), count: 2 });
    });

    it("splits an account's logins by IP and marks an IP first seen inside the window as new", async () => {
      const logins = await loginsByIp(db, { workspaceId: acme.id, accountId: acme.main, window: chartWindow("24h", now) });
      expect(logins.starts).toHaveLength(24);
      expect(logins.series.map(({ ip, isNew, total }) => ({ ip, isNew, total }))).toEqual([
        { ip: "203.0.113.7", isNew: true, total: 3 },
        { ip: "10.0.0.1", isNew: false, total: 1 },
      ]);
    });
  });
});
