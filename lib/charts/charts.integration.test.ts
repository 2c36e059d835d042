// Chart queries on both databases: hourly buckets cut in SQL agree with the rows' own hours,
// every bucket is present, nothing of another workspace is ever counted, and the hourly rollup
// (VolumeHour) gives the charts the same numbers as counting the raw rows live.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db";
import { describeEachDatabase } from "../testing/each-database";
import { seedTwoWorkspaces } from "../testing/two-workspaces";
import { filteredVolume, stripWindow } from "./filtered-volume";
import { authFailures, loginsByIp } from "./login-activity";
import { Prisma } from "../generated/sqlite/client";
import { accountSends24h } from "./account-sends";
import { CHART_CACHE_MS, clearChartCache, memoizedChartKeys } from "./chart-cache";
import { busiestWorkspaces, warmBusiestCharts } from "../warm-up/warm-charts";
import { countPerHour } from "./hour-buckets";
import { messageVolume } from "./message-volume";
import { rollUpAllClosedHours } from "./rollups";
import { rollUpClosedHours, rollupWatermark } from "./volume-rollup";
import type { TDeliveryLogQuery } from "../delivery-logs/filters";
import { bucketOf, chartWindow, DAY_MS, HOUR_MS } from "./range";
import { topAccounts } from "./top-accounts";

// A fixed "now" in the middle of an hour, so each row's hour is known exactly.
const now = new Date("2026-03-10T12:30:00.000Z");
const hoursAgo = (h: number, minutes = 10) => new Date(Date.UTC(2026, 2, 10, 12 - h, minutes));
let db: Db;
let deferredId = "";
const acme = { id: "", main: "", other: "" };
const globex = { id: "", main: "" };
const initech = { id: "", accounts: [] as string[] };

describeEachDatabase("chart queries", { prefix: "migosmtp-charts-" }, (current) => {
  beforeAll(async () => {
    ({ db } = current());
    const seeded = await seedTwoWorkspaces(db);
    Object.assign(acme, seeded.acme);
    Object.assign(globex, seeded.globex);
    // A message with its recipients and timeline: accepted at createdAt, then each outcome `minutes` later.
    const message = async (workspaceId: string, accountId: string, createdAt: Date, status: string, outcomes: [string, number][], to = ["x@example.com"]) => {
      const m = await db.message.create({
        data: { workspaceId, accountId, passwordVersion: 1, clientIp: "10.0.0.1", envelopeFrom: "a@acme.test", sizeBytes: 1, recipientCount: to.length, firstRecipient: to[0]!, status, createdAt },
      });
      await db.messageRecipient.createMany({ data: to.map((address) => ({ messageId: m.id, workspaceId, address, domain: address.split("@")[1]!, createdAt })) });
      await db.deliveryAttempt.createMany({
        data: [["accepted", 0] as [string, number], ...outcomes].map(([outcome, minutes]) => ({ messageId: m.id, workspaceId, outcome, createdAt: new Date(createdAt.getTime() + minutes * 60_000) })),
      });
      return m.id;
    };
    await message(acme.id, acme.main, hoursAgo(0), "delivered", [["delivered", 2]], ["x@example.com", "y@example.com"]);
    await message(acme.id, acme.main, hoursAgo(0, 25), "delivered", [["delivered", 2]]);
    await message(acme.id, acme.main, hoursAgo(3), "bounced", [["bounced", 1]]);
    deferredId = await message(acme.id, acme.other, hoursAgo(3), "deferred", [["deferred", 1]]);
    await message(acme.id, acme.main, hoursAgo(30), "delivered", [["delivered", 1]]); // outside 24 h, inside 7 d
    await message(globex.id, globex.main, hoursAgo(0), "delivered", [["delivered", 1]]);
    // A RCPT TO refused for a suppressed address: its own log entry, suppressed at the same time.
    await message(acme.id, acme.other, hoursAgo(3), "suppressed", [["suppressed", 0]], ["gone@suppressed.test"]);
    // Initech: mail on both sides of midnights and of the 7-day window's start, for the ranking
    // read from whole days (VolumeDay) and ragged hours (VolumeHour). Account i sends i+1 of each.
    const initechWorkspace = await db.workspace.create({ data: { slug: "initech", name: "initech" } });
    Object.assign(initech, { id: initechWorkspace.id, accounts: [] });
    const initechDomain = await db.domain.create({ data: { workspaceId: initech.id, name: "initech.test", status: "verified", verificationToken: "t" } });
    for (const label of ["a", "b", "c"]) {
      const account = await db.smtpAccount.create({ data: { workspaceId: initech.id, label, username: `smtpuser_${label}1c0ffee`, domainId: initechDomain.id, passwordCiphertext: "x", passwordVerifier: "y" } });
      initech.accounts.push(account.id);
    }
    const initechTimes = ["2026-02-09T00:10Z", "2026-02-20T23:55Z", "2026-02-21T00:05Z", "2026-03-03T12:10Z", "2026-03-03T13:10Z", "2026-03-03T23:50Z", "2026-03-04T00:10Z", "2026-03-09T23:59Z", "2026-03-10T00:01Z", "2026-03-10T11:50Z", "2026-03-10T12:10Z"];
    for (const [i, accountId] of initech.accounts.entries())
      for (const [j, at] of initechTimes.entries()) if (j % 3 <= i) await message(initech.id, accountId, new Date(at), "delivered", [["delivered", 1]]);
    const login = (workspaceId: string, accountId: string, clientIp: string, createdAt: Date, success = true) =>
      db.loginEvent.create({ data: { workspaceId, accountId, username: "u", clientIp, method: "PLAIN", success, reason: success ? null : "bad_credentials", createdAt } });
    await login(acme.id, acme.main, "10.0.0.1", hoursAgo(100)); // seen long before: not new
    await login(acme.id, acme.main, "10.0.0.1", hoursAgo(2));
    await login(acme.id, acme.main, "203.0.113.7", hoursAgo(1));
    await login(acme.id, acme.main, "203.0.113.7", hoursAgo(1, 20), false);
    await login(acme.id, acme.main, "203.0.113.7", hoursAgo(1, 40), false);
    await login(globex.id, globex.main, "10.9.9.9", hoursAgo(1), false);
  }, 180_000);

  // Every chart reads the same before the rollup has run (all live) and after (closed hours from VolumeHour).
  describe.each(["counted live", "read from the hourly rollup"])("message volume, %s", (mode) => {
    beforeAll(async () => {
      // Passes of 7 hours, so most days are summed over two or three passes.
      if (mode !== "counted live") while (await rollUpClosedHours({ db, now, maxHours: 7 }));
      expect(await rollupWatermark(db)).toEqual(mode === "counted live" ? null : new Date("2026-03-10T12:00:00.000Z"));
    });

    it("counts a workspace's messages accepted and its delivery outcomes per hour over 24 h, with every hour present", async () => {
      const window = chartWindow("24h", now);
      const volume = await messageVolume(db, { workspaceId: acme.id, window });
      expect(volume.buckets).toHaveLength(24);
      expect(volume.buckets.at(-1)).toMatchObject({ start: new Date("2026-03-10T12:00:00.000Z"), accepted: 2, delivered: 2 });
      expect(volume.buckets.at(-4)).toMatchObject({ start: new Date("2026-03-10T09:00:00.000Z"), accepted: 2, bounced: 1, deferred: 1, suppressed: 1 });
      expect(volume.totals).toMatchObject({ accepted: 4, delivered: 2, bounced: 1, deferred: 1, rejected: 0, held: 0, suppressed: 1 });
      expect(volume.total).toBe(9);
    });

    it("groups 30 days into days and one account's messages apart from the rest", async () => {
      const month = await messageVolume(db, { workspaceId: acme.id, accountId: acme.main, window: chartWindow("30d", now) });
      expect(month.buckets).toHaveLength(30);
      expect(month.buckets.at(-1)).toMatchObject({ accepted: 3, delivered: 2, bounced: 1 });
      expect(month.buckets.at(-2)).toMatchObject({ accepted: 1, delivered: 1 });
      expect(month.totals.accepted).toBe(4);
    });

    it("counts each listed account's last 24 h, in total and hour by hour, from the same rows", async () => {
      const sends = await accountSends24h(db, { workspaceId: acme.id, accountIds: [acme.main, acme.other, globex.main], now });
      expect(sends.get(acme.main)).toMatchObject({ total: 3 });
      expect(sends.get(acme.main)!.hourly.reduce((a, b) => a + b, 0)).toBe(3);
      // 24 points: the 23 closed hours before this one and the hour under way.
      expect(sends.get(acme.other)!.hourly).toHaveLength(24);
      expect(sends.get(acme.other)!.hourly[20]).toBe(1);
      expect(sends.get(globex.main)).toEqual({ total: 0, hourly: new Array(24).fill(0) });
    });

    it("ranks the top accounts by volume within the workspace only", async () => {
      clearChartCache();
      const top = await topAccounts(db, { workspaceId: acme.id, window: chartWindow("7d", now) });
      expect(top).toEqual([
        { accountId: acme.main, label: "main", count: 4 },
        { accountId: acme.other, label: "other", count: 1 },
      ]);
    });

    it("ranks accounts as a direct count over Message does, across day boundaries and the window's ragged start", async () => {
      for (const range of ["24h", "7d", "30d"] as const) {
        clearChartCache();
        const window = chartWindow(range, now);
        const direct = await db.message.groupBy({ by: ["accountId"], where: { workspaceId: initech.id, status: { not: "suppressed" }, createdAt: { gte: window.start, lte: window.end } }, _count: { _all: true } });
        const expected = direct.map((g) => ({ accountId: g.accountId!, count: g._count._all })).sort((a, b) => b.count - a.count);
        const top = await topAccounts(db, { workspaceId: initech.id, window, limit: 10 });
        expect(top.map(({ accountId, count }) => ({ accountId, count })), range).toEqual(expected);
      }
      const month = await topAccounts(db, { workspaceId: initech.id, window: chartWindow("30d", now) });
      expect(month.map((a) => a.count)).toEqual([11, 8, 4]);
    });

    it("buckets whatever the Delivery Logs filters select, a recipient counted once per message", async () => {
      const window = stripWindow(new Date(now.getTime() - 24 * HOUR_MS), undefined, now);
      expect(window.bucketMs).toBe(HOUR_MS);
      const strip = (query: Partial<TDeliveryLogQuery>) => filteredVolume(db, { workspaceId: acme.id, query, window }).then((v) => v.total);
      expect(await strip({})).toBe(5);
      expect(await strip({ rcpt: "suppressed.test" })).toBe(1);
      expect(await strip({ account: acme.main })).toBe(3);
      expect(await strip({ status: "delivered" })).toBe(2);
      expect(await strip({ rcpt: "example.com" })).toBe(4);
      expect(await strip({ rcpt: "@example.com", account: acme.other })).toBe(1);
      expect(await strip({ rcpt: "example.com", status: "bounced" })).toBe(1);
      expect(await strip({ rcpt: "y@example.com" })).toBe(1);
      expect(await strip({ rcpt: "nobody.test" })).toBe(0);
      const flagged = await filteredVolume(db, { workspaceId: acme.id, query: { rcpt: "example.com" }, extra: { status: "bounced" }, window });
      expect(flagged).toMatchObject({ total: 1, partial: false });
    });
  });

  describe("hourly rollup", () => {
    it("holds, for every closed hour, what a GROUP BY over the raw rows counts", async () => {
      await rollUpAllClosedHours(db, now);
      const closed = new Date("2026-03-10T12:00:00.000Z");
      const expected = new Map<string, number>();
      const add = (workspaceId: string, accountId: string | null, at: Date, kind: string) => {
        if (at >= closed) return;
        const hour = new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS).toISOString();
        for (const a of [accountId ?? "", "*"]) expected.set([workspaceId, a, hour, kind].join("|"), (expected.get([workspaceId, a, hour, kind].join("|")) ?? 0) + 1);
      };
      for (const m of await db.message.findMany({ where: { status: { not: "suppressed" } }, select: { workspaceId: true, accountId: true, createdAt: true } })) add(m.workspaceId, m.accountId, m.createdAt, "accepted");
      for (const a of await db.deliveryAttempt.findMany({ where: { outcome: { not: "accepted" } }, select: { workspaceId: true, outcome: true, createdAt: true, message: { select: { accountId: true } } } }))
        add(a.workspaceId, a.message.accountId, a.createdAt, a.outcome);
      const rows = await db.volumeHour.findMany();
      expect(new Map(rows.map((r) => [[r.workspaceId, r.accountId, r.hour.toISOString(), r.kind].join("|"), r.count]))).toEqual(expected);
      expect(expected.size).toBeGreaterThan(0);
      // And each account's days, from its first message to the last closed hour's day: that
      // day's accepted hours and the running total, though passes end mid-day.
      const DAY = 24 * HOUR_MS;
      const perAccount = new Map<string, Map<number, number>>();
      for (const r of rows) {
        if (r.kind !== "accepted" || r.accountId === "*" || r.accountId === "") continue;
        const key = `${r.workspaceId}|${r.accountId}`;
        const days = perAccount.get(key) ?? new Map<number, number>();
        const day = Math.floor(r.hour.getTime() / DAY) * DAY;
        days.set(day, (days.get(day) ?? 0) + r.count);
        perAccount.set(key, days);
      }
      const lastDay = Math.floor((closed.getTime() - 1) / DAY) * DAY;
      const expectedDays = new Map<string, [number, number]>();
      for (const [key, days] of perAccount) {
        let total = 0;
        for (let day = Math.min(...days.keys()); day <= lastDay; day += DAY) {
          total += days.get(day) ?? 0;
          expectedDays.set(`${key}|${new Date(day).toISOString()}`, [days.get(day) ?? 0, total]);
        }
      }
      const dayRows = await db.volumeDay.findMany();
      expect(new Map(dayRows.map((d) => [`${d.workspaceId}|${d.accountId}|${d.day.toISOString()}`, [d.count, d.total]]))).toEqual(expectedDays);
      // A second pass in the same hour has nothing to do.
      expect(await rollUpClosedHours({ db, now })).toBeNull();
    });

    it("leaves a past hour's chart as it was when a message's status changes later", async () => {
      await rollUpAllClosedHours(db, now);
      const before = await messageVolume(db, { workspaceId: acme.id, window: chartWindow("24h", now) });
      // The deferred message of 09:10 is delivered at 12:28, inside the hour under way.
      await db.message.update({ where: { id: deferredId }, data: { status: "delivered", deliveredAt: hoursAgo(0, 28) } });
      await db.deliveryAttempt.create({ data: { messageId: deferredId, workspaceId: acme.id, outcome: "delivered", createdAt: hoursAgo(0, 28) } });
      const after = await messageVolume(db, { workspaceId: acme.id, window: chartWindow("24h", now) });
      expect(after.buckets.at(-4)).toEqual(before.buckets.at(-4));
      expect(after.buckets.at(-4)).toMatchObject({ deferred: 1, delivered: 0 });
      expect(after.buckets.at(-1)!.delivered).toBe(before.buckets.at(-1)!.delivered + 1);
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

    /** An empty memo and a strip window ending now (the real clock, as on a page), not within seconds of an hour's end. */
    const freshStrip = async () => {
      if (HOUR_MS - (Date.now() % HOUR_MS) < 5000) await new Promise((r) => setTimeout(r, 6000));
      clearChartCache();
      const real = Date.now();
      return { real, hour: Math.floor(real / HOUR_MS) * HOUR_MS, window: stripWindow(new Date(real - 24 * HOUR_MS), undefined, new Date(real)) };
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

    it("keeps a status filter's strip of finished hours for a minute and counts the hour under way every time", async () => {
      const { real, hour, window } = await freshStrip();
      const strip = () => filteredVolume(db, { workspaceId: globex.id, query: { status: "deferred", ip: "192.0.2.98" }, window }).then((v) => v.total);
      const deferred = (createdAt: Date) =>
        db.message.create({
          data: { workspaceId: globex.id, accountId: globex.main, passwordVersion: 1, clientIp: "192.0.2.98", envelopeFrom: "a@globex.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@example.com", status: "deferred", createdAt },
        });
      await deferred(new Date(hour - 2 * HOUR_MS));
      expect(await strip()).toBe(1);
      await deferred(new Date(hour - HOUR_MS));
      await deferred(new Date(Math.max(hour, real - 1000)));
      expect(await strip()).toBe(2);
      clearChartCache();
      expect(await strip()).toBe(3);
    });

    it("counts a status and IP filter per bucket as the rows themselves fall, a message on a bucket's edge in the bucket it starts, by hour and by day", async () => {
      const edge = Date.UTC(2025, 5, 10);
      const times = [edge - 1, edge, edge + 1, edge + HOUR_MS - 1, edge + HOUR_MS, edge + 5 * HOUR_MS + 7, edge + DAY_MS - 1, edge + DAY_MS, edge + 2 * DAY_MS + 3 * HOUR_MS];
      for (const t of times)
        await db.message.create({
          data: { workspaceId: globex.id, accountId: globex.main, passwordVersion: 1, clientIp: "192.0.2.96", envelopeFrom: "a@globex.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@example.com", status: "bounced", createdAt: new Date(t) },
        });
      // One of another status on the same IP, never counted.
      await db.message.create({
        data: { workspaceId: globex.id, accountId: globex.main, passwordVersion: 1, clientIp: "192.0.2.96", envelopeFrom: "a@globex.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@example.com", status: "delivered", createdAt: new Date(edge) },
      });
      const periods: [from: number, to: number][] = [
        [edge - HOUR_MS, edge + 2 * DAY_MS], // hours
        [edge - 2 * DAY_MS, edge + 4 * DAY_MS], // days
      ];
      for (const [from, to] of periods) {
        const window = stripWindow(new Date(from), new Date(to), new Date(to + DAY_MS));
        const strip = await filteredVolume(db, { workspaceId: globex.id, query: { status: "bounced", ip: "192.0.2.96" }, window });
        const expected = new Map<number, number>();
        for (const t of times.filter((t) => t >= window.start.getTime() && t <= window.end.getTime())) expected.set(bucketOf(t, window.bucketMs), (expected.get(bucketOf(t, window.bucketMs)) ?? 0) + 1);
        expect(new Map(strip.buckets.filter((b) => b.count > 0).map((b) => [b.start.getTime(), b.count]))).toEqual(expected);
        expect(strip.total).toBe([...expected.values()].reduce((a, n) => a + n, 0));
      }
    });

    it("keeps a recipient filter's strip of finished hours for a minute, with an account filter joined, and counts the hour under way every time", async () => {
      const { real, hour, window } = await freshStrip();
      const strip = (query: Partial<TDeliveryLogQuery>) => filteredVolume(db, { workspaceId: globex.id, query, window }).then((v) => v.total);
      const sent = async (createdAt: Date) => {
        const m = await db.message.create({
          data: { workspaceId: globex.id, accountId: globex.main, passwordVersion: 1, clientIp: "192.0.2.97", envelopeFrom: "a@globex.test", sizeBytes: 1, recipientCount: 1, firstRecipient: "x@memo.test", status: "delivered", createdAt },
        });
        await db.messageRecipient.create({ data: { messageId: m.id, workspaceId: globex.id, address: "x@memo.test", domain: "memo.test", createdAt } });
      };
      await sent(new Date(hour - 2 * HOUR_MS));
      expect(await strip({ rcpt: "memo.test" })).toBe(1);
      expect(await strip({ rcpt: "memo.test", account: globex.main })).toBe(1);
      await sent(new Date(hour - HOUR_MS));
      await sent(new Date(Math.max(hour, real - 1000)));
      expect(await strip({ rcpt: "memo.test" })).toBe(2);
      expect(await strip({ rcpt: "memo.test", account: globex.main })).toBe(2);
      // Each filter set has its own entry: one not asked before counts everything now.
      expect(await strip({ rcpt: "x@memo.test" })).toBe(3);
      clearChartCache();
      expect(await strip({ rcpt: "memo.test" })).toBe(3);
      expect(await strip({ rcpt: "memo.test", account: globex.main })).toBe(3);
    });
  });

  describe("warming the busiest workspaces' totals at start", () => {
    it("ranks workspaces by how many accounts the rollup's latest day holds, most first", async () => {
      while (await rollUpClosedHours({ db, now, maxHours: 24 }));
      expect((await busiestWorkspaces(db, 3)).slice(0, 2)).toEqual([initech.id, acme.id]);
    });

    it("computes the top accounts' closed totals of the busiest workspaces only, so their first Overview reads no history", async () => {
      clearChartCache();
      const closed = (workspaceId: string) => memoizedChartKeys().filter((k) => k.startsWith(`top-closed|${workspaceId}|`));
      expect(await warmBusiestCharts(db, { workspaces: 1, now })).toBe(0);
      expect(closed(initech.id)).toHaveLength(3);
      expect(closed(acme.id)).toEqual([]);
      // The Overview then reads the warmed totals, not the rollup: with initech's daily totals gone
      // it still ranks as before, until the cache is cleared.
      const week = () => topAccounts(db, { workspaceId: initech.id, window: chartWindow("7d", now) });
      const warmed = await week();
      expect(warmed.length).toBeGreaterThan(0);
      const days = await db.volumeDay.findMany({ where: { workspaceId: initech.id } });
      await db.volumeDay.deleteMany({ where: { workspaceId: initech.id } });
      try {
        expect(await week()).toEqual(warmed);
        clearChartCache();
        expect(await week()).not.toEqual(warmed);
      } finally {
        await db.volumeDay.createMany({ data: days });
      }
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
