// Two relay processes on one PostgreSQL database (small, bounded, loopback): load through both at
// once; a per-account limit holds across both; a reset through lib's resetPassword stops
// old-password sends on both; the two delivery workers never deliver one message twice; kill -9
// of one relay loses nothing while the other keeps accepting. Runs only with TEST_DATABASE_URL.
import fs from "node:fs";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../lib/env";
import { resetPassword } from "../lib/smtp-accounts/reset-password";
import { createTestDatabase, type TestDatabase } from "../lib/testing/test-database";
import { sinkPath } from "./delivery-worker";
import { createTestAccount, createTestbed, freePort, seedWorkspace, spawnRelay, type Creds, type RelayProcess, type Testbed } from "./testbed";

const CONNECTIONS = 4;

describe.skipIf(!process.env.TEST_DATABASE_URL)("two relays on one PostgreSQL database", () => {
  let database: TestDatabase;
  let bed: Testbed;
  let where: { workspaceId: string; domainId: string };
  const relays: (RelayProcess | null)[] = [null, null];
  const vars: Record<string, string>[] = [];

  const start = async (i: number) => (relays[i] = await spawnRelay(vars[i]!));
  const transport = (i: number, creds: Creds, connections = CONNECTIONS) =>
    nodemailer.createTransport({
      host: "127.0.0.1",
      port: Number(vars[i]!.RELAY_PORT),
      requireTLS: true,
      pool: true,
      maxConnections: connections,
      auth: { user: creds.username, pass: creds.password },
      tls: { ca: [bed.certPem], servername: "localhost" },
    });
  /** Sends `count` messages over `connections` sessions; the queue ids of those answered 250, and the refusals' codes. */
  const send = async (t: ReturnType<typeof transport>, count: number, tag: string, until?: () => boolean) => {
    const accepted: string[] = [];
    const refused: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (until ? !until() : next < count) {
          const i = next++;
          try {
            const info = await t.sendMail({ from: "app@acme.test", to: "sink@example.com", subject: `${tag} ${i}`, text: `message ${i}` });
            accepted.push(/queued as (\S+)$/.exec(info.response)![1]!);
          } catch (error) {
            refused.push((error as { responseCode?: number }).responseCode ?? 0);
          }
        }
      }),
    );
    return { accepted, refused };
  };

  beforeAll(async () => {
    database = await createTestDatabase("PostgreSQL", {}, "migosmtp-two-relays-");
    bed = await createTestbed();
    where = await seedWorkspace(database.db);
    // Both relays share the database and the sink directory, each with its own ports and instance id.
    for (const name of ["relay-a", "relay-b"]) {
      vars.push({
        ...bed.vars,
        DATABASE_URL: database.env.DATABASE_URL,
        DATA_DIR: bed.dir,
        RELAY_PORT: String(await freePort()),
        RELAY_TLS_PORT: String(await freePort()),
        RELAY_INSTANCE_ID: name,
      });
    }
    await start(0);
    await start(1);
  }, 180_000);

  afterAll(async () => {
    for (const r of relays) await r?.stop("SIGKILL");
    await database?.drop();
    if (bed) fs.rmSync(bed.dir, { recursive: true, force: true });
  });

  const env = () => parseEnv({ ...vars[0]! });

  it("accepts load through both at once and delivers every message exactly once", async () => {
    const creds = await createTestAccount(database.db, env(), where);
    const [a, b] = [transport(0, creds), transport(1, creds)];
    const results = await Promise.all([send(a, 150, "both-a"), send(b, 150, "both-b")]);
    a.close();
    b.close();
    const ids = results.flatMap((r) => r.accepted);
    expect(results.flatMap((r) => r.refused)).toEqual([]);
    expect(ids).toHaveLength(300);
    await expect
      .poll(async () => database.db.message.count({ where: { id: { in: ids }, status: "delivered" } }), { timeout: 60_000, interval: 500 })
      .toBe(ids.length);
    const delivered = await database.db.deliveryAttempt.groupBy({ by: ["messageId"], where: { messageId: { in: ids }, outcome: "delivered" }, _count: true });
    expect(delivered.filter((d) => d._count !== 1)).toEqual([]);
    expect(await database.db.deliveryAttempt.count({ where: { messageId: { in: ids }, duplicate: true } })).toBe(0);
  }, 120_000);

  it("holds a 120-per-minute account to 120 across both relays, not 240", async () => {
    // The limit counts per calendar minute: start early in one so the sends stay inside it.
    while (new Date().getUTCSeconds() > 30) await new Promise((resolve) => setTimeout(resolve, 500));
    const creds = await createTestAccount(database.db, env(), where, { sendLimitPerMinute: 120 });
    const [a, b] = [transport(0, creds), transport(1, creds)];
    const results = await Promise.all([send(a, 110, "limit-a"), send(b, 110, "limit-b")]);
    a.close();
    b.close();
    expect(results.flatMap((r) => r.accepted)).toHaveLength(120);
    expect(results.flatMap((r) => r.refused).every((code) => code === 451)).toBe(true);
    expect(results.every((r) => r.accepted.length > 0)).toBe(true);
    expect(await database.db.message.count({ where: { accountId: creds.id } })).toBe(120);
  }, 120_000);

  it("refuses old-password sends on both relays once a reset through resetPassword has committed", async () => {
    const creds = await createTestAccount(database.db, env(), where);
    // One session per relay, authenticated with the old password and kept open.
    const sessions = [transport(0, creds, 1), transport(1, creds, 1)];
    for (const s of sessions) await s.sendMail({ from: "app@acme.test", to: "sink@example.com", subject: "before", text: "before" });
    const user = await database.db.user.create({ data: { issuer: "https://idp.test", subject: creds.id, email: `owner-${creds.id}@acme.test`, name: "Owner" } });
    await resetPassword({
      db: database.db,
      env: env(),
      workspaceId: where.workspaceId,
      accountId: creds.id,
      actor: { id: user.id, email: user.email, authTime: new Date(), meta: { ip: "127.0.0.1", userAgent: "test" } },
    });
    const after = await Promise.all(
      sessions.map((s) =>
        s.sendMail({ from: "app@acme.test", to: "sink@example.com", subject: "after", text: "after" }).then(
          () => 250,
          (error: { responseCode?: number }) => error.responseCode ?? 0,
        ),
      ),
    );
    for (const s of sessions) s.close();
    expect(after).toEqual([535, 535]);
    expect(await database.db.message.count({ where: { accountId: creds.id, passwordVersion: 1, subject: "after" } })).toBe(0);
  }, 60_000);

  it("loses nothing when one relay is killed with SIGKILL while the other keeps accepting", async () => {
    const creds = await createTestAccount(database.db, env(), where);
    const [a, b] = [transport(0, creds), transport(1, creds)];
    let killed = false;
    let stopB = false;
    const loadA = send(a, 0, "kill-a", () => killed);
    const loadB = send(b, 0, "kill-b", () => stopB);
    await expect.poll(() => database.db.message.count({ where: { accountId: creds.id } }), { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(100);
    await relays[0]!.stop("SIGKILL");
    killed = true;
    const acceptedBeforeKill = await database.db.message.count({ where: { accountId: creds.id } });
    const fromA = await loadA;
    a.close();
    // The survivor keeps accepting after the kill.
    await expect.poll(() => database.db.message.count({ where: { accountId: creds.id } }), { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(acceptedBeforeKill + 100);
    stopB = true;
    const fromB = await loadB;
    b.close();
    // The killed relay comes back under its instance id and releases what it had claimed.
    await start(0);
    const ids = [...fromA.accepted, ...fromB.accepted];
    expect(fromA.accepted.length).toBeGreaterThan(0);
    expect(fromB.accepted.length).toBeGreaterThan(0);
    await expect
      .poll(async () => database.db.message.count({ where: { id: { in: ids }, status: "delivered" } }), { timeout: 90_000, interval: 500 })
      .toBe(ids.length);
    for (const id of ids) expect(fs.existsSync(sinkPath(bed.dir, id)), id).toBe(true);
  }, 180_000);
});
