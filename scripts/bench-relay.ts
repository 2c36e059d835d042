// `npm run bench`: accepted messages per second of the relay (SQLite, durable acceptance) next to
// a baseline smtp-server with STARTTLS + AUTH that stores nothing, measured in the same run.
// On loopback, 1 KB messages, STARTTLS + AUTH once per connection then many messages per
// connection, at 1, 16 and 64 concurrent connections. The load comes from two client processes
// (nodemailer pooled transports) so the client is not the bottleneck (STACK-NOTES). Also: AUTH
// p99, relay RSS at 64 connections, and a password reset during continuous sending (messages
// stored with the old version after the reset committed: goal 0). Prints a table and a final
// JSON line.
//
// Knobs (env): BENCH_WARMUP (2000), BENCH_MESSAGES (20000), BENCH_CONNECTIONS ("1,16,64"),
// BENCH_AUTH_SAMPLES (300), BENCH_RELAY_LOG_LEVEL (warn).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import tls from "node:tls";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { createTestAccount, createTestbed, freePort, resetData, rssOf, seedWorkspace, spawnRelay, type Creds } from "../relay/testbed";

const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000);
const MEASURED = Number(process.env.BENCH_MESSAGES ?? 20000);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "1,16,64").split(",").map(Number);
const AUTH_SAMPLES = Number(process.env.BENCH_AUTH_SAMPLES ?? 300);
const CLIENTS = 2;

const SELF = import.meta.filename;

function message1k(i: number): string {
  const head = `From: bench@acme.test\r\nTo: sink@example.com\r\nSubject: bench ${i}\r\nMessage-ID: <bench-${process.pid}-${i}@acme.test>\r\n\r\n`;
  const line = "The quick brown fox jumps over the lazy dog. 0123456789 abcdefghij\r\n";
  let body = "";
  while (head.length + body.length + line.length <= 1024) body += line;
  return head + body;
}

// ---------------------------------------------------------------------------------------------
// Child roles

type Job = { port: number; conns: number; warmup: number; count: number; user: string; pass: string; ca: string; durationMs?: number };
type ClientReport = { start: number; end: number; ok: number; failed: number; lastError?: string; okAfter?: number; timeline?: [number, boolean][] };

async function clientRole(): Promise<void> {
  const job = await new Promise<Job>((resolve) => process.once("message", (m) => resolve(m as Job)));
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: job.port,
    secure: false,
    requireTLS: true,
    pool: true,
    maxConnections: job.conns,
    maxMessages: Infinity,
    auth: { user: job.user, pass: job.pass },
    tls: { ca: [job.ca], servername: "localhost" },
  });
  const raws = Array.from({ length: 64 }, (_, i) => message1k(i));
  let failed = 0;
  let ok = 0;
  let lastError: string | undefined;
  const timeline: [number, boolean][] = [];
  const send = async (i: number) => {
    try {
      await transport.sendMail({ envelope: { from: "bench@acme.test", to: ["sink@example.com"] }, raw: raws[i % raws.length]! });
      ok++;
      if (job.durationMs) timeline.push([Date.now(), true]);
    } catch (error) {
      failed++;
      lastError = (error as Error).message;
      if (job.durationMs) timeline.push([Date.now(), false]);
    }
  };
  const runLoops = async (total: number, until?: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: job.conns }, async () => {
        while (until ? Date.now() < until : next < total) await send(next++);
      }),
    );
  };
  if (job.durationMs) {
    const start = Date.now();
    let until = start + job.durationMs;
    process.on("message", () => (until = 0));
    await Promise.all(
      Array.from({ length: job.conns }, async () => {
        let i = 0;
        while (Date.now() < until) await send(i++);
      }),
    );
    process.send!({ start, end: Date.now(), ok, failed, lastError, timeline } satisfies ClientReport);
  } else {
    await runLoops(job.warmup);
    process.send!({ warm: true });
    await new Promise((resolve) => process.once("message", resolve));
    ok = 0;
    failed = 0;
    const start = Date.now();
    await runLoops(job.count);
    process.send!({ start, end: Date.now(), ok, failed, lastError } satisfies ClientReport);
  }
  transport.close();
  process.disconnect();
}

async function baselineRole(): Promise<void> {
  const [certFile, keyFile, user, pass] = process.argv.slice(3);
  const server = new SMTPServer({
    secure: false,
    key: fs.readFileSync(keyFile!),
    cert: fs.readFileSync(certFile!),
    authMethods: ["PLAIN", "LOGIN"],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user: auth.username });
      callback(new Error("Authentication credentials invalid"));
    },
    onData(stream, _session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => callback(null, "Ok: queued"));
    },
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.server.address() as net.AddressInfo;
    process.send!({ port: address.port });
  });
}

// ---------------------------------------------------------------------------------------------
// The run

function forkRole(role: string, args: string[] = []): ChildProcess {
  return fork(SELF, [role, ...args], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child exited with ${code}`));
    child.once("exit", onExit);
    child.once("message", (m) => {
      child.off("exit", onExit);
      resolve(m as T);
    });
  });
}

/** Accepted messages per second at `conns` connections, from CLIENTS client processes. */
async function measure(port: number, conns: number, creds: { user: string; pass: string }, ca: string, onMeasuring?: () => () => void) {
  const processes = conns >= CLIENTS ? CLIENTS : 1;
  const children = Array.from({ length: processes }, () => forkRole("--client"));
  const split = (n: number, i: number) => Math.floor(n / processes) + (i < n % processes ? 1 : 0);
  children.forEach((child, i) =>
    child.send({ port, conns: split(conns, i), warmup: Math.ceil(WARMUP / processes), count: split(MEASURED, i), user: creds.user, pass: creds.pass, ca } satisfies Job),
  );
  await Promise.all(children.map((c) => nextMessage(c)));
  const stopSampling = onMeasuring?.();
  const reports = children.map((c) => nextMessage<ClientReport>(c));
  for (const c of children) c.send({ go: true });
  const done = await Promise.all(reports);
  stopSampling?.();
  const ok = done.reduce((s, r) => s + r.ok, 0);
  const failed = done.reduce((s, r) => s + r.failed, 0);
  const seconds = (Math.max(...done.map((r) => r.end)) - Math.min(...done.map((r) => r.start))) / 1000;
  if (failed > 0) console.error(`  ${failed} sends failed, e.g. ${done.find((r) => r.lastError)?.lastError}`);
  return { rate: ok / seconds, ok, failed, seconds };
}

/** AUTH round trip (after STARTTLS and EHLO), one fresh connection per sample. */
async function authLatencies(port: number, creds: { user: string; pass: string }, ca: string, samples: number): Promise<number[]> {
  const out: number[] = [];
  const token = Buffer.from(`\0${creds.user}\0${creds.pass}`).toString("base64");
  for (let i = 0; i < samples; i++) {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setNoDelay(true);
    let secure: tls.TLSSocket | null = null;
    let buffer = "";
    const waiters: (() => void)[] = [];
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const w of waiters.splice(0)) w();
    };
    socket.on("data", onData);
    const reply = async (): Promise<string> => {
      for (;;) {
        const m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer);
        if (m) {
          const end = m.index + m[0].length;
          const r = buffer.slice(0, end);
          buffer = buffer.slice(end);
          return r;
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    const write = (line: string) => (secure ?? socket).write(`${line}\r\n`);
    await reply();
    write("EHLO bench");
    await reply();
    write("STARTTLS");
    await reply();
    socket.off("data", onData);
    secure = tls.connect({ socket, ca: [ca], servername: "localhost" });
    await new Promise<void>((resolve, reject) => secure!.once("secureConnect", () => resolve()).once("error", reject));
    secure.on("data", onData);
    write("EHLO bench");
    await reply();
    const started = performance.now();
    write(`AUTH PLAIN ${token}`);
    const r = await reply();
    out.push(performance.now() - started);
    if (!r.startsWith("235")) throw new Error(`AUTH failed: ${r}`);
    write("QUIT");
    secure.destroy();
  }
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** While a client sends continuously, reset the password; count rows stored with the old version after the reset committed. */
async function resetDuringSend(db: Db, bed: Awaited<ReturnType<typeof createTestbed>>, port: number, creds: Creds) {
  const client = forkRole("--client");
  const report = nextMessage<ClientReport>(client);
  client.send({ port, conns: 8, warmup: 0, count: 0, user: creds.username, pass: creds.password, ca: bed.certPem, durationMs: 60_000 } satisfies Job);
  // Reset only once the sender is in full flow.
  const flowing = Date.now() + 30_000;
  while ((await db.message.count({ where: { accountId: creds.id } })) < 200 && Date.now() < flowing) await new Promise((resolve) => setTimeout(resolve, 50));
  const { data } = resetData(bed.env, creds.id);
  const { before, committedAt } = await db.$transaction(async (tx) => {
    await tx.smtpAccount.update({ where: { id: creds.id }, data, select: { id: true } });
    // The highest rowid stored before the reset, read inside the reset's own transaction.
    const [row] = await tx.$queryRaw<{ m: bigint | number | null }[]>`SELECT MAX(rowid) AS m FROM "Message"`;
    return { before: Number(row?.m ?? 0), committedAt: 0 };
  }).then((r) => ({ ...r, committedAt: Date.now() }));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  client.send({ stop: true });
  const result = await report;
  const [after] = await db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n FROM "Message" WHERE "accountId" = ${creds.id} AND "passwordVersion" = 1 AND rowid > ${before}`;
  const okBefore = result.timeline!.filter(([t, ok]) => ok && t <= committedAt).length;
  const okAfterCommit = result.timeline!.filter(([t, ok]) => ok && t > committedAt).length;
  const refusedAfter = result.timeline!.filter(([t, ok]) => !ok && t > committedAt).length;
  return { storedWithOldVersionAfterReset: Number(after!.n), acceptedBeforeReset: okBefore, repliesAfterCommit250: okAfterCommit, refusedAfterReset: refusedAfter };
}

async function main(): Promise<void> {
  console.log(`MigoSMTP relay benchmark: ${WARMUP} warm-up + ${MEASURED} measured 1 KB messages per point, ${CONNECTIONS.join("/")} connections, ${CLIENTS} client processes`);
  const metricsPort = await freePort();
  // Every benchmark client connects from 127.0.0.1: the per-address cap must not be what is measured.
  const perAddress = String(Math.max(...CONNECTIONS) * CLIENTS + 16);
  const bed = await createTestbed({
    LOG_LEVEL: process.env.BENCH_RELAY_LOG_LEVEL ?? "warn",
    RELAY_SOCKET_TIMEOUT_MS: "60000",
    RELAY_METRICS_PORT: String(metricsPort),
    RELAY_MAX_CONNECTIONS_PER_IP: perAddress,
  });
  await migrateDatabase(bed.env);
  const db = createDb(bed.env.DATABASE_URL);
  const where = await seedWorkspace(db);
  const creds = await createTestAccount(db, bed.env, where);
  const relay = await spawnRelay(bed.vars);
  const relayPort = Number(bed.vars.RELAY_PORT);

  const baseline = forkRole("--baseline", [bed.vars.RELAY_TLS_CERT!, bed.vars.RELAY_TLS_KEY!, "bench", "bench-password"]);
  const { port: baselinePort } = await nextMessage<{ port: number }>(baseline);

  /** Group-commit totals from the relay's own metrics: batches, messages, seconds. */
  const commits = async () => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
    const steps = new Map<string, { sum: number; count: number }>();
    for (const m of text.matchAll(/^migosmtp_relay_store_step_seconds_(sum|count)\{method="(\w+)",step="(\w+)"\} (\S+)$/gm)) {
      const key = `${m[2]}.${m[3]}`;
      const entry = steps.get(key) ?? { sum: 0, count: 0 };
      entry[m[1] as "sum" | "count"] = Number(m[4]);
      steps.set(key, entry);
    }
    return { batches: value("migosmtp_relay_commit_batch_size_count"), messages: value("migosmtp_relay_commit_batch_size_sum"), seconds: value("migosmtp_relay_commit_seconds_sum"), steps };
  };
  /** Per writer-thread call and step between two scrapes: calls, average ms, total ms. */
  const stepReport = (a: Awaited<ReturnType<typeof commits>>, b: Awaited<ReturnType<typeof commits>>) =>
    [...b.steps]
      .map(([key, v]) => {
        const before = a.steps.get(key) ?? { sum: 0, count: 0 };
        const n = v.count - before.count;
        return n > 0 ? `${key} ${n}× avg ${(((v.sum - before.sum) * 1000) / n).toFixed(2)} ms (total ${((v.sum - before.sum) * 1000).toFixed(0)} ms)` : "";
      })
      .filter(Boolean)
      .join("; ");
  const rows: { conns: number; baseline: number; relay: number; ratio: number; relayRssMb?: number; avgBatch?: number; avgCommitMs?: number }[] = [];
  let rss64 = 0;
  try {
    for (const conns of CONNECTIONS) {
      const b = await measure(baselinePort, conns, { user: "bench", pass: "bench-password" }, bed.certPem);
      let peak = 0;
      const c0 = await commits();
      const r = await measure(relayPort, conns, { user: creds.username, pass: creds.password }, bed.certPem, () => {
        const timer = setInterval(() => (peak = Math.max(peak, rssOf(relay.pid))), 100);
        return () => {
          clearInterval(timer);
          peak = Math.max(peak, rssOf(relay.pid));
        };
      });
      if (conns === 64) rss64 = peak;
      const c1 = await commits();
      const avgBatch = (c1.messages - c0.messages) / Math.max(1, c1.batches - c0.batches);
      const avgCommitMs = ((c1.seconds - c0.seconds) * 1000) / Math.max(1, c1.batches - c0.batches);
      rows.push({ conns, baseline: b.rate, relay: r.rate, ratio: r.rate / b.rate, relayRssMb: peak / 1048576, avgBatch, avgCommitMs });
      console.log(
        `  ${conns} conns: baseline ${b.rate.toFixed(0)}/s, relay ${r.rate.toFixed(0)}/s (${r.failed} failed), ratio ${(r.rate / b.rate).toFixed(2)}, relay RSS ${(peak / 1048576).toFixed(0)} MB, ` +
          `${avgBatch.toFixed(1)} messages per commit, ${avgCommitMs.toFixed(2)} ms per commit`,
      );
      const steps = stepReport(c0, c1);
      if (steps) console.log(`    writer thread: ${steps}`);
    }
    const relayAuth = await authLatencies(relayPort, { user: creds.username, pass: creds.password }, bed.certPem, AUTH_SAMPLES);
    const baseAuth = await authLatencies(baselinePort, { user: "bench", pass: "bench-password" }, bed.certPem, Math.min(100, AUTH_SAMPLES));
    const resetCreds = await createTestAccount(db, bed.env, where);
    const reset = await resetDuringSend(db, bed, relayPort, resetCreds);

    console.log("");
    console.log("| connections | baseline msg/s | relay msg/s | ratio | relay RSS MB | msgs/commit | ms/commit |");
    console.log("|---|---|---|---|---|---|---|");
    for (const row of rows)
      console.log(
        `| ${row.conns} | ${row.baseline.toFixed(0)} | ${row.relay.toFixed(0)} | ${row.ratio.toFixed(2)} | ${row.relayRssMb?.toFixed(0)} | ${row.avgBatch?.toFixed(1)} | ${row.avgCommitMs?.toFixed(2)} |`,
      );
    console.log("");
    console.log(`AUTH latency (relay): p50 ${percentile(relayAuth, 50).toFixed(2)} ms, p99 ${percentile(relayAuth, 99).toFixed(2)} ms (baseline p99 ${percentile(baseAuth, 99).toFixed(2)} ms)`);
    console.log(`Relay RSS at 64 connections: ${(rss64 / 1048576).toFixed(0)} MB`);
    console.log(
      `Reset during continuous send: ${reset.storedWithOldVersionAfterReset} messages stored with the old version after the reset committed (goal 0); ` +
        `${reset.acceptedBeforeReset} accepted before, ${reset.refusedAfterReset} refused after, ${reset.repliesAfterCommit250} 250 replies read after the commit (committed before it)`,
    );
    const at16 = rows.find((r) => r.conns === 16);
    console.log(
      JSON.stringify({
        warmup: WARMUP,
        measured: MEASURED,
        points: rows.map((r) => ({
          connections: r.conns,
          baselineMsgsPerSec: Math.round(r.baseline),
          relayMsgsPerSec: Math.round(r.relay),
          ratio: Number(r.ratio.toFixed(3)),
          messagesPerCommit: Number(r.avgBatch?.toFixed(2)),
          msPerCommit: Number(r.avgCommitMs?.toFixed(3)),
        })),
        ratioAt16: at16 ? Number(at16.ratio.toFixed(3)) : null,
        authP50Ms: Number(percentile(relayAuth, 50).toFixed(3)),
        authP99Ms: Number(percentile(relayAuth, 99).toFixed(3)),
        baselineAuthP99Ms: Number(percentile(baseAuth, 99).toFixed(3)),
        relayRssMbAt64: Number((rss64 / 1048576).toFixed(1)),
        resetStoredWithOldVersionAfterCommit: reset.storedWithOldVersionAfterReset,
      }),
    );
  } finally {
    baseline.kill();
    await relay.stop();
    await db.$disconnect();
    fs.rmSync(bed.dir, { recursive: true, force: true });
  }
}

const role = process.argv[2];
const run = role === "--client" ? clientRole : role === "--baseline" ? baselineRole : main;
run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

