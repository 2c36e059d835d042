// kill -9 of the relay process during a 2,000-message load: after a restart every message that
// got 250 is delivered to the sink; none lost; duplicates are counted (DeliveryAttempt.duplicate).
import fs from "node:fs";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { createTestAccount, createTestbed, freePort, seedWorkspace, spawnRelay, type Creds, type RelayProcess, type Testbed } from "./testbed";
import { sinkPath } from "./delivery-worker";

const TOTAL = 2000;
const KILL_AFTER = 600;
const CONNECTIONS = 8;

let bed: Testbed;
let db: Db;
let creds: Creds;
let relay: RelayProcess | null = null;

beforeAll(async () => {
  bed = await createTestbed({ RELAY_INSTANCE_ID: "crash-test-1", LOG_LEVEL: "warn", RELAY_METRICS_PORT: String(await freePort()) });
  await migrateDatabase(bed.env);
  db = createDb(bed.env.DATABASE_URL);
  creds = await createTestAccount(db, bed.env, await seedWorkspace(db));
}, 120_000);

afterAll(async () => {
  await relay?.stop("SIGKILL");
  await db?.$disconnect();
  if (bed) fs.rmSync(bed.dir, { recursive: true, force: true });
});

it(
  `loses no accepted message when killed with SIGKILL during a ${TOTAL}-message load`,
  async () => {
    relay = await spawnRelay(bed.vars);
    const accepted = new Set<string>();
    let failed = 0;
    const client = () =>
      nodemailer.createTransport({
        host: "127.0.0.1",
        port: Number(bed.vars.RELAY_PORT),
        requireTLS: true,
        pool: true,
        maxConnections: CONNECTIONS,
        auth: { user: creds.username, pass: creds.password },
        tls: { ca: [bed.certPem], servername: "localhost" },
      });
    const load = async (transport: ReturnType<typeof client>, until: () => boolean) => {
      let n = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (!until()) {
            const i = n++;
            try {
              const info = await transport.sendMail({ from: "app@acme.test", to: "sink@example.com", subject: `crash ${i}`, text: `message ${i}` });
              accepted.add(/queued as (\S+)$/.exec(info.response)![1]!);
            } catch {
              failed++;
              if (failed > 5000) throw new Error("too many failures");
            }
          }
        }),
      );
    };

    // Phase 1: load until KILL_AFTER were accepted, then kill -9 while the load goes on.
    const first = client();
    let killed = false;
    const phase1 = load(first, () => killed);
    await expect.poll(() => accepted.size, { timeout: 60_000, interval: 5 }).toBeGreaterThanOrEqual(KILL_AFTER);
    await relay.stop("SIGKILL");
    killed = true;
    await phase1;
    first.close();
    const acceptedBeforeKill = accepted.size;
    const killedAt = Date.now();

    // Phase 2: restart, and send the rest.
    relay = await spawnRelay(bed.vars);
    const second = client();
    await load(second, () => accepted.size >= TOTAL);
    second.close();

    // Every message that got 250 is delivered, and its .eml is in the sink.
    const ids = [...accepted];
    const undelivered = async () => {
      const delivered = new Set((await db.message.findMany({ where: { status: "delivered" }, select: { id: true } })).map((m) => m.id));
      return ids.filter((id) => !delivered.has(id));
    };
    await expect.poll(undelivered, { timeout: 60_000, interval: 500 }).toEqual([]);
    for (const id of ids) expect(fs.existsSync(sinkPath(bed.env.DATA_DIR, id)), id).toBe(true);

    // The restarted relay's Prometheus metrics count what it accepted and delivered.
    const metrics = await (await fetch(`http://127.0.0.1:${bed.vars.RELAY_METRICS_PORT}/metrics`)).text();
    const value = (line: string) => Number(new RegExp(`^${line.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(metrics)?.[1] ?? NaN);
    expect(value("migosmtp_relay_messages_accepted_total")).toBeGreaterThanOrEqual(ids.length - acceptedBeforeKill);
    expect(value('migosmtp_relay_auth_total{result="ok",reason=""}')).toBeGreaterThanOrEqual(1);
    expect(value("migosmtp_relay_queue_depth")).toBe(0);
    expect(metrics).toContain("migosmtp_relay_delivery_latency_seconds_bucket");
    const stored = await db.message.count();
    const duplicates = await db.deliveryAttempt.count({ where: { duplicate: true } });
    console.log(
      `crash test: ${acceptedBeforeKill} accepted before kill -9, ${ids.length} accepted in all, ${stored} stored, ${failed} sends failed during the outage, ${duplicates} duplicate deliveries recorded; restart and the rest took ${Date.now() - killedAt} ms`,
    );
    expect(stored).toBeGreaterThanOrEqual(ids.length);

    // Graceful stop after the load.
    expect(await relay.stop("SIGTERM")).toBe(0);
    relay = null;
  },
  180_000,
);
