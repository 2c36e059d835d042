// The author-header rule through the real relay: each generated header shape is sent over
// STARTTLS + AUTH + DATA and must hear 250, or the 550/553 5.7.1 its shape expects, with the
// refusal logged and counted as the relay records other refusals.
import fs from "node:fs";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { HEADER_SHAPES, shapeMessage } from "./author-headers.corpus";
import { createRelayMetrics, type RelayMetrics } from "./metrics";
import { createRelayStore } from "./create-relay-store";
import type { RelayStore } from "./relay-store";
import { openAuthenticated, sendRaw } from "./raw-smtp-client";
import { createRelay, type Relay } from "./server";
import { createTestAccount, createTestbed, seedWorkspace, type Creds, type Testbed } from "./testbed";

let bed: Testbed;
let db: Db;
let store: RelayStore;
let relay: Relay;
let metrics: RelayMetrics;
let port: number;
const accounts = {} as Record<"exact" | "domain", Creds>;
const logLines: string[] = [];

beforeAll(async () => {
  bed = await createTestbed({ LOG_LEVEL: "silent" });
  await migrateDatabase(bed.env);
  db = createDb(bed.env.DATABASE_URL);
  const where = await seedWorkspace(db);
  accounts.exact = await createTestAccount(db, bed.env, where, { fromAddress: "noreply@acme.test" });
  accounts.domain = await createTestAccount(db, bed.env, where);
  store = await createRelayStore(bed.env, db);
  metrics = createRelayMetrics();
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  relay = createRelay({ env: bed.env, db, store, metrics, logger: pino({ level: "info" }, sink), shutdownGraceMs: 2000 });
  await relay.listen();
  port = relay.ports().starttls;
}, 120_000);

afterAll(async () => {
  await relay?.close();
  await store?.close();
  await db?.$disconnect();
  if (bed) fs.rmSync(bed.dir, { recursive: true, force: true });
});

/** One message over STARTTLS + AUTH + DATA, bytes as given; the reply to the final dot. */
async function send(creds: Creds, raw: string): Promise<string> {
  const session = await openAuthenticated(port, bed.certPem, creds.username, creds.password);
  try {
    return await sendRaw(session, "noreply@acme.test", "someone@example.com", Buffer.from(raw, "utf8"));
  } finally {
    session.close();
  }
}

describe("author headers through the relay", () => {
  it.each(HEADER_SHAPES)("answers a message with $name as the rule says", async (shape) => {
    const reply = await send(accounts[shape.account ?? "exact"], shapeMessage(shape));
    if (shape.refused) expect(reply).toMatch(shape.refused);
    else expect(reply).toMatch(/^250 2\.0\.0 Ok: queued as /);
  });

  it("logs and counts each refused header shape like any other refusal", async () => {
    const refused = HEADER_SHAPES.filter((s) => s.refused);
    const counted = (await metrics.rejected.get()).values.reduce((sum, v) => sum + v.value, 0);
    expect(counted).toBe(refused.length);
    const logged = logLines.filter((l) => l.includes('"msg":"message refused"') && l.includes("5.7.1"));
    expect(logged.length).toBe(refused.length);
    expect(logLines.join("")).toContain(`"accountId":"${accounts.exact.id}"`);
  });

  it("stores the From header as written for the delivery log", async () => {
    const reply = await send(accounts.exact, 'From: "No Reply" <noreply@acme.test>\r\nSubject: log\r\n\r\nbody\r\n');
    const id = /queued as (\S+)$/.exec(reply)![1]!;
    const message = await db.message.findUniqueOrThrow({ where: { id } });
    expect(message.headerFrom).toBe('"No Reply" <noreply@acme.test>');
  });
});
