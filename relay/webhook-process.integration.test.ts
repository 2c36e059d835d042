// The relay process (its bundle, as `npm start` runs it) runs the webhook worker: an endpoint
// saved in the database hears about mail sent to the process, and SIGTERM still stops it
// cleanly (exit 0) with the worker running. Its delivery log is written on the relay's own SQLite
// writer (relay/webhook-writes.ts).
import fs from "node:fs";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { testActor } from "../lib/testing/test-actor";
import { createWebhookEndpoint } from "../lib/webhooks/create-endpoint";
import { startWebhookReceiver, type WebhookReceiver } from "../lib/webhooks/testing/receiver";
import { createTestAccount, createTestbed, seedWorkspace, spawnRelay, type RelayProcess, type Testbed } from "./testbed";

let bed: Testbed;
let db: Db;
let relay: RelayProcess | null = null;
let receiver: WebhookReceiver;

beforeAll(async () => {
  bed = await createTestbed({ WEBHOOK_ALLOW_PRIVATE: "true", WEBHOOK_POLL_MS: "100" });
  await migrateDatabase(bed.env);
  db = createDb(bed.env.DATABASE_URL);
  receiver = await startWebhookReceiver();
}, 120_000);

afterAll(async () => {
  await relay?.stop("SIGKILL");
  await receiver?.close();
  await db?.$disconnect();
  if (bed) fs.rmSync(bed.dir, { recursive: true, force: true });
});

it("posts signed events for mail the relay process accepts and delivers, and stops on SIGTERM with exit code 0", async () => {
  const where = await seedWorkspace(db);
  const creds = await createTestAccount(db, bed.env, where);
  const { secret } = await createWebhookEndpoint({ db, env: bed.env, workspaceId: where.workspaceId, input: { url: receiver.url("/process"), eventTypes: ["message.accepted", "message.delivered"] }, actor: testActor() });
  relay = await spawnRelay(bed.vars);
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: Number(bed.vars.RELAY_PORT),
    requireTLS: true,
    auth: { user: creds.username, pass: creds.password },
    tls: { ca: [bed.certPem], servername: "localhost" },
  });
  await transport.sendMail({ from: "app@acme.test", to: "someone@example.com", subject: "from the relay process", text: "hello" });
  transport.close();
  await expect.poll(() => receiver.verified("/process", secret).map((e) => e.type).sort(), { timeout: 20_000, interval: 100 }).toEqual(["message.accepted", "message.delivered"]);
  // The endpoint's delivery log (written on the relay's SQLite writer thread, relay/webhook-writes.ts), each event once.
  await expect
    .poll(async () => (await db.webhookDelivery.findMany({ select: { eventType: true, status: true, attemptCount: true } })).map((d) => `${d.eventType} ${d.status} ${d.attemptCount}`).sort(), { timeout: 10_000, interval: 100 })
    .toEqual(["message.accepted delivered 1", "message.delivered delivered 1"]);
  // Its background threads carry names (top -H, ps -L, the benchmark's CPU per thread).
  const threadNames = fs.readdirSync(`/proc/${relay.pid}/task`).map((tid) => fs.readFileSync(`/proc/${relay!.pid}/task/${tid}/comm`, "utf8").trim());
  expect(threadNames).toEqual(expect.arrayContaining(["migo-writer", "migo-checkpoint", "migo-webhooks"]));
  expect(await relay.stop("SIGTERM")).toBe(0);
  // And nothing was sent twice (a pass whose write failed would send its events again).
  expect(receiver.verified("/process", secret)).toHaveLength(2);
  relay = null;
}, 120_000);
