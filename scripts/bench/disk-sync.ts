// What one durable commit costs on this disk, step by step, to choose where the relay's
// acceptance time can go (`tsx scripts/bench/disk-sync.ts [dir]`):
//   - fdatasync after appending to a growing file vs overwriting in a preallocated one (does
//     the size change, i.e. the inode journal, cost more than the data?), for 4 KB and 64 KB;
//   - one relay commit (the real schema, one 1 KB message) through SqliteRelayStore with the
//     WAL growing, with the WAL reused after a checkpoint, and its WAL bytes per commit;
//   - the same commit at synchronous=OFF: the statements alone, without any fsync.
// Prints medians and p90 per case in microseconds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createDb } from "../../lib/db";
import { migrateDatabase } from "../../lib/setup/database";
import { parseEnv } from "../../lib/env";
import { percentile } from "./measure";
import { createTestEnv } from "../../lib/testing/test-env";
import { prepareMessage } from "../../relay/prepare-message";
import { SqliteRelayStore } from "../../relay/store-sqlite";
import { createTestAccount, seedWorkspace } from "../../relay/testbed";

const N = Number(process.env.PROBE_N ?? 400);

function stats(name: string, us: number[], extra = ""): void {
  const at = (q: number) => percentile(us, q).toFixed(0);
  console.log(`${name.padEnd(58)} p50 ${at(0.5).padStart(6)} µs  p90 ${at(0.9).padStart(6)} µs${extra}`);
}

function fileProbe(dir: string, chunk: number, preallocate: boolean): number[] {
  const file = path.join(dir, `probe-${chunk}-${preallocate ? "pre" : "grow"}`);
  const fd = fs.openSync(file, "w+");
  const data = Buffer.alloc(chunk, 7);
  if (preallocate) {
    // Real blocks, written and synced once: later writes change no size and no extent.
    const zero = Buffer.alloc(1 << 20);
    for (let i = 0; i < Math.ceil((chunk * N) / zero.length) + 1; i++) fs.writeSync(fd, zero);
    fs.fsyncSync(fd);
  }
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    fs.writeSync(fd, data, 0, data.length, i * chunk);
    const t = performance.now();
    fs.fdatasyncSync(fd);
    times.push((performance.now() - t) * 1000);
  }
  fs.closeSync(fd);
  fs.rmSync(file);
  return times;
}

async function storeProbe(dir: string): Promise<void> {
  const { vars } = createTestEnv({}, "migosmtp-probe-");
  const env = parseEnv({ ...vars, DATABASE_URL: `file:${path.join(dir, "probe.db")}` });
  await migrateDatabase(env);
  const db = createDb(env.DATABASE_URL);
  const where = await seedWorkspace(db, { minute: 1_000_000, hour: 1_000_000, day: 1_000_000 });
  const account = await createTestAccount(db, env, where);
  await db.$disconnect();
  const file = env.DATABASE_URL.slice("file:".length);
  const wal = `${file}-wal`;
  const raw = Buffer.from(`From: app@acme.test\r\nSubject: probe\r\n\r\n${"x".repeat(960)}\r\n`);
  const message = () =>
    prepareMessage({
      session: { accountId: account.id, workspaceId: where.workspaceId, username: "u", passwordVersion: 1, clientIp: "127.0.0.1", clientHostname: null, helo: "h", protocol: "ESMTPSA", tlsProtocol: "TLSv1.3", tlsCipher: "x" },
      envelopeFrom: "app@acme.test",
      recipients: ["sink@example.com"],
      raw,
      publicHost: "relay.test",
    });
  const store = new SqliteRelayStore(file, { externalCheckpoints: true });
  const side = new Database(file);
  const run = async (name: string, batch: number, before?: () => void) => {
    const statements: number[] = [];
    const sync: number[] = [];
    const walStart = fs.statSync(wal).size;
    let grew = 0;
    for (let i = 0; i < N; i++) {
      before?.();
      const size = fs.statSync(wal).size;
      await store.commitBatch(
        Array.from({ length: batch }, message),
        new Date(),
      );
      if (fs.statSync(wal).size > size) grew++;
      statements.push(store.lastCommitSteps.statementsMs * 1000);
      sync.push(store.lastCommitSteps.syncMs * 1000);
    }
    const walBytes = (fs.statSync(wal).size - walStart) / N;
    stats(`${name}: statements`, statements);
    stats(`${name}: COMMIT`, sync, `  (WAL grew in ${grew}/${N} commits${walBytes > 0 ? `, ${(walBytes / 1024).toFixed(1)} KB each` : ""})`);
  };
  const pragma = (p: string) => (store as unknown as { db: Database.Database }).db.pragma(p);
  await run("commit of 1 message, WAL growing (FULL)", 1);
  side.pragma("wal_checkpoint(PASSIVE)");
  await run("commit of 1 message, WAL reused after checkpoint (FULL)", 1, () => {
    // A checkpoint before every commit keeps the writer restarting at the WAL's start.
    side.pragma("wal_checkpoint(PASSIVE)");
  });
  await run("commit of 16 messages, WAL growing (FULL)", 16);
  pragma("synchronous = OFF");
  await run("commit of 1 message, no fsync (OFF)", 1);
  side.close();
  await store.close();
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(process.argv[2] ?? os.tmpdir(), "migosmtp-disk-"));
  try {
    console.log(`disk-sync probe in ${dir}, ${N} samples per case, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    for (const chunk of [4096, 65536]) {
      stats(`fdatasync after appending ${chunk / 1024} KB (file grows)`, fileProbe(dir, chunk, false));
      stats(`fdatasync after overwriting ${chunk / 1024} KB (preallocated)`, fileProbe(dir, chunk, true));
    }
    await storeProbe(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
