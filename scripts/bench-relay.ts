// `npm run bench`: accepted messages per second of the relay (SQLite, durable acceptance) next to
// a baseline smtp-server with STARTTLS + AUTH that stores nothing, measured in the same run.
// On loopback, 1 KB messages, STARTTLS + AUTH once per connection then many messages per
// connection, at 1, 16 and 64 concurrent connections. The load comes from two client processes
// (nodemailer pooled transports) so the client is not the bottleneck (one client process costs
// ~120–160 µs of CPU per message and saturates near 10k msgs/s on two cores). Also: AUTH
// p99, relay RSS at 64 connections, the CPU per message of the relay's threads, of the bare
// server and of the clients (on two cores the clients' share bounds what any server can reach),
// and a password reset during continuous sending (messages
// stored with the old version after the reset committed: goal 0). Prints a table and a final
// JSON line.
//
// Each point is the median of BENCH_REPEATS rounds (rounded up to an even count when variants are
// compared, so each order runs as often as the other); a round runs the baseline, then every variant
// of the relay being compared (with/without policies, before/after), so all see the same load;
// each measured run starts once the relay has finished what the run before left (deliveries,
// webhook events) and its WAL is checkpointed (scripts/bench/settle.ts). With
// TEST_DATABASE_URL (or BENCH_PG_URL) the same points run again with the relay on PostgreSQL,
// then two relays on that database against one at the largest connection count, and the two-relay
// checks (limit, reset, delivered twice: scripts/bench/two-relays.ts) through both at that count.
//
// Knobs (env): BENCH_WARMUP (2000), BENCH_MESSAGES (20000), BENCH_CONNECTIONS ("1,16,64"),
// BENCH_REPEATS (3), BENCH_AUTH_SAMPLES (300), BENCH_RELAY_LOG_LEVEL (warn), BENCH_PG_URL,
// BENCH_SINK_DIR (/dev/shm: where the demo sink's files go; "disk" keeps them in the test bed), and
// BENCH_BEFORE_ROOT: another checkout whose relay is measured too, on a database of its own, at
// each round right after this one's ("SQLite before" rows), and the drop against it is reported.
// `--policies` (or BENCH_POLICIES=1): every SQLite point runs twice, with a plain account and
// with one carrying all of issue #17's policies (scripts/bench/policies.ts), in the same rounds,
// and the drop of the ratio is reported against the 5 % budget.
// `--alerting` (or BENCH_ALERTING=1): every SQLite point runs twice, from the plain workspace (every
// alert rule off) and from one with every alert rule on, a webhook endpoint for every event type and
// a 10,000-address suppression list (scripts/bench/alerting.ts), in the same rounds, and the drop of
// the ratio is reported against issue #18's 5 % budget. BENCH_WEBHOOK_MAX_HOLD_MS sets the relay's
// WEBHOOK_MAX_HOLD_MS (0: webhook events are never held while the relay is busy).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import tls from "node:tls";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { parseEnv } from "../lib/env";
import { createTestAccount, createTestbed, freePort, resetData, rssOf, seedWorkspace, spawnRelay, type Creds, type RelayProcess } from "../relay/testbed";
import { median, percentile } from "./bench/measure";
import { dropReport, policiesReport, setAllPolicies } from "./bench/policies";
import { disableAlertRules, setUpAlerting } from "./bench/alerting";
import { settleRelay } from "./bench/settle";
import { placeSink } from "./bench/sink-dir";
import { cpuBetween, threadCpu } from "./bench/thread-cpu";
import { twoRelayChecks, type StartClient } from "./bench/two-relays";

const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000);
const MEASURED = Number(process.env.BENCH_MESSAGES ?? 20000);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "1,16,64").split(",").map(Number);
const AUTH_SAMPLES = Number(process.env.BENCH_AUTH_SAMPLES ?? 300);
const CLIENTS = 2;
const REPEATS_ASKED = Number(process.env.BENCH_REPEATS ?? 3);
/** PostgreSQL server for the second half of the run (a database of its own is created and dropped). */
const PG_URL = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL;
const BEFORE_ROOT = process.env.BENCH_BEFORE_ROOT;

const SELF = import.meta.filename;
const POLICIES = process.argv.includes("--policies") || process.env.BENCH_POLICIES === "1";
const ALERTING = process.argv.includes("--alerting") || process.env.BENCH_ALERTING === "1";

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
type ClientReport = { start: number; end: number; ok: number; failed: number; lastError?: string; okAfter?: number; timeline?: [number, boolean][]; cpuSeconds?: number };

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
    const cpu = process.cpuUsage();
    await runLoops(job.count);
    const used = process.cpuUsage(cpu);
    process.send!({ start, end: Date.now(), ok, failed, lastError, cpuSeconds: (used.user + used.system) / 1e6 } satisfies ClientReport);
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
async function measure(port: number | number[], conns: number, creds: { user: string; pass: string }, ca: string, onMeasuring?: () => () => void) {
  // Several ports (several relays): each client process sends to one of them.
  const ports = Array.isArray(port) ? port : [port];
  const processes = Math.max(ports.length, conns >= CLIENTS ? CLIENTS : 1);
  const children = Array.from({ length: processes }, () => forkRole("--client"));
  const split = (n: number, i: number) => Math.floor(n / processes) + (i < n % processes ? 1 : 0);
  children.forEach((child, i) =>
    child.send({
      port: ports[i % ports.length]!,
      conns: split(conns, i),
      warmup: Math.ceil(WARMUP / processes),
      count: split(MEASURED, i),
      user: creds.user,
      pass: creds.pass,
      ca,
    } satisfies Job),
  );
  await Promise.all(children.map((c) => nextMessage(c)));
  const stopSampling = onMeasuring?.();
  const reports = children.map((c) => nextMessage<ClientReport>(c));
  for (const c of children) c.send({ go: true });
  const done = await Promise.all(reports);
  // The clients' own CPU: on a small machine, what the cores had left for the server is what they did not use.
  const clientCpu = done.reduce((t, r) => t + (r.cpuSeconds ?? 0), 0);
  stopSampling?.();
  const ok = done.reduce((s, r) => s + r.ok, 0);
  const failed = done.reduce((s, r) => s + r.failed, 0);
  const seconds = (Math.max(...done.map((r) => r.end)) - Math.min(...done.map((r) => r.start))) / 1000;
  if (failed > 0) console.error(`  ${failed} sends failed, e.g. ${done.find((r) => r.lastError)?.lastError}`);
  return { rate: ok / seconds, ok, failed, seconds, clientCpu };
}

/** Client processes for scripts/bench/two-relays.ts: a job run to its end (no warm-up), or until stopped. */
function startClient(ca: string): StartClient {
  return (job) => {
    const child = forkRole("--client");
    const report = job.durationMs
      ? nextMessage<ClientReport>(child)
      : nextMessage(child).then(() => {
          const measured = nextMessage<ClientReport>(child);
          child.send({ go: true });
          return measured;
        });
    child.send({ port: job.port, conns: job.conns, warmup: 0, count: job.count, user: job.creds.username, pass: job.creds.password, ca, durationMs: job.durationMs } satisfies Job);
    return { report, stop: () => void (child.connected && child.send({ stop: true })) };
  };
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
  // Every benchmark client connects from 127.0.0.1: the per-address cap must not be what is measured.
  const perAddress = String(Math.max(...CONNECTIONS) * CLIENTS + 16);
  const { metricsPort, bed, db, sink, removeBed } = await benchTestbed(perAddress);
  console.log(`  the relay's demo sink is ${sink} (BENCH_SINK_DIR; scripts/bench/sink-dir.ts); its database is on disk`);
  const where = await seedWorkspace(db);
  const creds = await createTestAccount(db, bed.env, where);
  const alertingWhere = ALERTING ? await seedWorkspace(db) : null;
  if (alertingWhere) await disableAlertRules(db, where.workspaceId);
  const alerting = alertingWhere ? await setUpAlerting(db, bed.env, alertingWhere.workspaceId) : null;
  const alertingCreds = alertingWhere ? await createTestAccount(db, bed.env, alertingWhere) : null;
  const relay = await spawnRelay(bed.vars);
  const relayPort = Number(bed.vars.RELAY_PORT);

  const baseline = forkRole("--baseline", [bed.vars.RELAY_TLS_CERT!, bed.vars.RELAY_TLS_KEY!, "bench", "bench-password"]);
  const { port: baselinePort } = await nextMessage<{ port: number }>(baseline);

  /** Group-commit totals and writer-thread steps from a relay's own metrics. */
  const commits = async (port: number) => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
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
  type Scrape = Awaited<ReturnType<typeof commits>>;
  /** Per writer-thread call and step between two scrapes: calls, average ms, total ms. */
  const stepReport = (a: Scrape, b: Scrape) =>
    [...b.steps]
      .map(([key, v]) => {
        const before = a.steps.get(key) ?? { sum: 0, count: 0 };
        const n = v.count - before.count;
        return n > 0 ? `${key} ${n}× avg ${(((v.sum - before.sum) * 1000) / n).toFixed(2)} ms (total ${((v.sum - before.sum) * 1000).toFixed(0)} ms)` : "";
      })
      .filter(Boolean)
      .join("; ");

  type Row = { database: string; conns: number; baseline: number; relay: number; ratio: number; relayRssMb: number; avgBatch: number; avgCommitMs: number; roundRatios: number[] };
  /** `db`: the relay's database, to settle it before each measured run (scripts/bench/settle.ts). */
  type Target = { ports: number[]; pids: number[]; metricsPorts: number[]; db: Db };
  /** `ca`: the certificate the relay presents, when not this test bed's (another checkout's relay). */
  type Variant = { database: string; target: Target; sender: Creds; ca?: string };
  const baselineCreds = { user: "bench", pass: "bench-password" };
  /**
   * One connection count: BENCH_REPEATS rounds, each the baseline then every variant in turn, so
   * variants compared with each other (plain vs policies, this checkout vs the before one) see
   * the same machine in every round; each row is the median of its rounds.
   */
  const points = async (variants: readonly Variant[], conns: number): Promise<Row[]> => {
    /** `cpu`: the relay's CPU seconds by thread kind (scripts/bench/thread-cpu.ts) during the measured run; `cpuWithCatchUp`: until it had finished what the run left. */
    type Round = { b: number; r: number; ok: number; baselineOk: number; baselineCpu: number; baselineClientCpu: number; clientCpu: number; catchUpMs: number; peak: number; batches: number; messages: number; seconds: number; cpu: Map<string, number>; cpuWithCatchUp: Map<string, number> };
    const rounds: Round[][] = variants.map(() => []);
    const steps: string[] = variants.map(() => "");
    // Variants compared with each other run in both orders equally often (scripts/bench/policies.ts variantDrop).
    const repeats = variants.length > 1 && REPEATS_ASKED % 2 === 1 ? REPEATS_ASKED + 1 : REPEATS_ASKED;
    for (let i = 0; i < repeats; i++) {
      for (const v of variants) await settleRelay(v.target.db);
      let baselineCpu = 0;
      const b = await measure(baselinePort, conns, baselineCreds, bed.certPem, () => {
        const before = threadCpu([baseline.pid!]);
        return () => (baselineCpu = [...cpuBetween(before, threadCpu([baseline.pid!])).values()].reduce((t, s) => t + s, 0));
      });
      // The order alternates by round: the database grows as a run goes on (each round stores
      // 20,000+ messages per variant), so a fixed order would always hand the second variant the
      // bigger database.
      const order = [...variants.keys()];
      if (i % 2 === 1) order.reverse();
      for (const v of order) {
        const { target, sender, ca } = variants[v]!;
        let peak = 0;
        let cpu = new Map<string, number>();
        let cpuBefore = new Map<string, number>();
        // Settled already: at the round's start, and after every measured run below.
        const c0 = await Promise.all(target.metricsPorts.map(commits));
        const r = await measure(target.ports, conns, { user: sender.username, pass: sender.password }, ca ?? bed.certPem, () => {
          const sample = () => (peak = Math.max(peak, ...target.pids.map(rssOf)));
          const timer = setInterval(sample, 100);
          cpuBefore = threadCpu(target.pids);
          return () => {
            clearInterval(timer);
            sample();
            cpu = cpuBetween(cpuBefore, threadCpu(target.pids));
          };
        });
        const c1 = await Promise.all(target.metricsPorts.map(commits));
        // What the run left behind (deliveries, webhook events held back while the CPU was short): how long it took to finish.
        const { waitedMs: catchUpMs } = await settleRelay(target.db);
        const cpuWithCatchUp = cpuBetween(cpuBefore, threadCpu(target.pids));
        const sum = (f: (s: Scrape) => number) => c1.reduce((t, s, k) => t + f(s) - f(c0[k]!), 0);
        rounds[v]!.push({ b: b.rate, r: r.rate, ok: r.ok, baselineOk: b.ok, baselineCpu, baselineClientCpu: b.clientCpu, clientCpu: r.clientCpu, catchUpMs, peak, cpu, cpuWithCatchUp, batches: sum((s) => s.batches), messages: sum((s) => s.messages), seconds: sum((s) => s.seconds) });
        if (r.failed > 0) console.log(`    ${variants[v]!.database}: ${r.failed} relay sends failed`);
        steps[v] = target.metricsPorts.length === 1 ? stepReport(c0[0]!, c1[0]!) : "";
      }
    }
    return variants.map(({ database }, v) => {
      const own = rounds[v]!;
      const roundRatios = own.map((x) => x.r / x.b);
      const row: Row = {
        database,
        conns,
        baseline: median(own.map((x) => x.b)),
        relay: median(own.map((x) => x.r)),
        ratio: median(roundRatios),
        relayRssMb: Math.max(...own.map((x) => x.peak)) / 1048576,
        avgBatch: own.reduce((t, x) => t + x.messages, 0) / Math.max(1, own.reduce((t, x) => t + x.batches, 0)),
        avgCommitMs: (own.reduce((t, x) => t + x.seconds, 0) * 1000) / Math.max(1, own.reduce((t, x) => t + x.batches, 0)),
        roundRatios,
      };
      console.log(
        `  ${database} ${conns} conns: baseline ${row.baseline.toFixed(0)}/s, relay ${row.relay.toFixed(0)}/s, ratio ${row.ratio.toFixed(2)} (rounds ${roundRatios.map((x) => x.toFixed(2)).join(", ")}), ` +
          `relay RSS ${row.relayRssMb.toFixed(0)} MB, ${row.avgBatch.toFixed(1)} messages per commit, ${row.avgCommitMs.toFixed(2)} ms per commit`,
      );
      const accepted = own.reduce((t, x) => t + x.ok, 0);
      /** Relay CPU per accepted message by thread kind, summed over the rounds. */
      const perMessage = (of: (x: Round) => Map<string, number>) => {
        const total = new Map<string, number>();
        for (const x of own) for (const [kind, s] of of(x)) total.set(kind, (total.get(kind) ?? 0) + s);
        return [...total]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([kind, s]) => `${kind} ${((s * 1e6) / accepted).toFixed(0)} µs`)
          .join(", ");
      };
      if (own.some((x) => x.cpu.size > 0))
        console.log(
          `    relay CPU per accepted message: ${perMessage((x) => x.cpu)} while measuring; ${perMessage((x) => x.cpuWithCatchUp)} with what it left, finished ${(median(own.map((x) => x.catchUpMs)) / 1000).toFixed(1)} s after the run (median)`,
        );
      // What the clients and the bare server cost per message: with the clients on the same cores,
      // the relay can reach a ratio r only if its own CPU per message is at most
      // (bare + clients at the baseline) / r − clients at the relay.
      const perOk = (seconds: number, n: number) => ((seconds * 1e6) / Math.max(1, n)).toFixed(0);
      const baselineOk = own.reduce((t, x) => t + x.baselineOk, 0);
      console.log(
        `    CPU per message: bare smtp-server ${perOk(own.reduce((t, x) => t + x.baselineCpu, 0), baselineOk)} µs, its clients ${perOk(own.reduce((t, x) => t + x.baselineClientCpu, 0), baselineOk)} µs; ` +
          `the relay's clients ${perOk(own.reduce((t, x) => t + x.clientCpu, 0), accepted)} µs`,
      );
      if (steps[v]) console.log(`    writer thread (last round): ${steps[v]}`);
      return row;
    });
  };

  const rows: Row[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  let twoRelays: { conns: number; one: number; two: number } | null = null;
  let twoRelayResults: Awaited<ReturnType<typeof twoRelayChecks>> | null = null;
  let pgAuth: number[] | null = null;
  try {
    const sqlite = { ports: [relayPort], pids: [relay.pid], metricsPorts: [metricsPort], db };
    const before = BEFORE_ROOT ? await relayOfCheckout(BEFORE_ROOT, perAddress) : null;
    if (before) cleanups.push(before.cleanup);
    const policyCreds = POLICIES ? await setAllPolicies(db, bed.env, await createTestAccount(db, bed.env, where)) : null;
    for (const conns of CONNECTIONS) {
      const variants: Variant[] = [{ database: "SQLite", target: sqlite, sender: creds }];
      if (policyCreds) variants.push({ database: "SQLite+policies", target: sqlite, sender: policyCreds });
      if (alertingCreds) variants.push({ database: "SQLite+alerting", target: sqlite, sender: alertingCreds });
      if (before) variants.push({ database: "SQLite before", target: before.target, sender: before.creds, ca: before.ca });
      rows.push(...(await points(variants, conns)));
    }
    const relayAuth = await authLatencies(relayPort, { user: creds.username, pass: creds.password }, bed.certPem, AUTH_SAMPLES);
    const baseAuth = await authLatencies(baselinePort, baselineCreds, bed.certPem, Math.min(100, AUTH_SAMPLES));
    const resetCreds = await createTestAccount(db, bed.env, where);
    const reset = await resetDuringSend(db, bed, relayPort, resetCreds);

    if (PG_URL) {
      const pgRun = await postgresRelays(bed, perAddress);
      cleanups.push(pgRun.cleanup);
      const one = { ports: [pgRun.relays[0]!.port], pids: [pgRun.relays[0]!.pid], metricsPorts: [pgRun.relays[0]!.metricsPort], db: pgRun.db };
      for (const conns of CONNECTIONS) rows.push(...(await points([{ database: "PostgreSQL", target: one, sender: pgRun.creds }], conns)));
      const most = Math.max(...CONNECTIONS);
      const both = { ports: pgRun.relays.map((r) => r.port), pids: pgRun.relays.map((r) => r.pid), metricsPorts: pgRun.relays.map((r) => r.metricsPort), db: pgRun.db };
      const [two] = await points([{ database: "PostgreSQL×2", target: both, sender: pgRun.creds }], most);
      rows.push(two!);
      twoRelays = { conns: most, one: rows.find((r) => r.database === "PostgreSQL" && r.conns === most)!.relay, two: two!.relay };
      pgAuth = await authLatencies(pgRun.relays[0]!.port, { user: pgRun.creds.username, pass: pgRun.creds.password }, bed.certPem, AUTH_SAMPLES);
      twoRelayResults = await twoRelayChecks({ db: pgRun.db, env: pgRun.env, where: pgRun.where, ports: both.ports, conns: most, startClient: startClient(bed.certPem) });
    }

    const rss64 = Math.max(0, ...rows.filter((r) => r.conns === 64 && r.database === "SQLite").map((r) => r.relayRssMb));
    console.log("");
    console.log("| database | connections | baseline msg/s | relay msg/s | ratio (median) | relay RSS MB | msgs/commit | ms/commit |");
    console.log("|---|---|---|---|---|---|---|---|");
    for (const row of rows)
      console.log(
        `| ${row.database} | ${row.conns} | ${row.baseline.toFixed(0)} | ${row.relay.toFixed(0)} | ${row.ratio.toFixed(2)} | ${row.relayRssMb.toFixed(0)} | ${row.avgBatch.toFixed(1)} | ${row.avgCommitMs.toFixed(2)} |`,
      );
    console.log("");
    console.log(`AUTH latency (relay): p50 ${percentile(relayAuth, 0.5).toFixed(2)} ms, p99 ${percentile(relayAuth, 0.99).toFixed(2)} ms (baseline p99 ${percentile(baseAuth, 0.99).toFixed(2)} ms)`);
    if (pgAuth) console.log(`AUTH latency (relay on PostgreSQL): p50 ${percentile(pgAuth, 0.5).toFixed(2)} ms, p99 ${percentile(pgAuth, 0.99).toFixed(2)} ms`);
    console.log(`Relay RSS at 64 connections: ${rss64.toFixed(0)} MB`);
    if (twoRelays)
      console.log(`Two relays vs one on PostgreSQL at ${twoRelays.conns} connections: ${twoRelays.two.toFixed(0)} vs ${twoRelays.one.toFixed(0)} msg/s (${(twoRelays.two / twoRelays.one).toFixed(2)}×)`);
    if (twoRelayResults) {
      const { limit, reset, twice } = twoRelayResults;
      console.log(
        `Two relays on PostgreSQL: ${limit.accepted} of a ${limit.limit}/min account's sends accepted across both; ${reset.storedWithOldVersionAfterReset} stored with the old password after a reset (refused after it: ${reset.refusedAfterResetPerRelay.join(" and ")}); ${twice.deliveredTwice} of ${twice.delivered} delivered twice, ${twice.markedDuplicate} deliveries that found the message already in the sink`,
      );
    }
    console.log(
      `Reset during continuous send: ${reset.storedWithOldVersionAfterReset} messages stored with the old version after the reset committed (goal 0); ` +
        `${reset.acceptedBeforeReset} accepted before, ${reset.refusedAfterReset} refused after, ${reset.repliesAfterCommit250} 250 replies read after the commit (committed before it)`,
    );
    const policies = POLICIES ? policiesReport(rows) : null;
    if (alerting) console.log(`Webhook requests received during the run (every event type subscribed): ${await alerting.received()}`);
    const alertingDrop = alerting ? dropReport("Alert rules, a webhook endpoint for every event and 10,000 suppressions on the workspace (#18)", rows, "SQLite", "SQLite+alerting") : null;
    const againstBefore = before ? dropReport(`This checkout against the one in BENCH_BEFORE_ROOT (${BEFORE_ROOT})`, rows, "SQLite before", "SQLite") : null;
    const at16 = rows.find((r) => r.conns === 16 && r.database === "SQLite");
    console.log(
      JSON.stringify({
        warmup: WARMUP,
        measured: MEASURED,
        repeats: REPEATS_ASKED,
        points: rows.map((r) => ({
          database: r.database,
          connections: r.conns,
          baselineMsgsPerSec: Math.round(r.baseline),
          relayMsgsPerSec: Math.round(r.relay),
          ratio: Number(r.ratio.toFixed(3)),
          relayRssMb: Number(r.relayRssMb.toFixed(1)),
          messagesPerCommit: Number(r.avgBatch.toFixed(2)),
          msPerCommit: Number(r.avgCommitMs.toFixed(3)),
        })),
        ratioAt16: at16 ? Number(at16.ratio.toFixed(3)) : null,
        authP50Ms: Number(percentile(relayAuth, 0.5).toFixed(3)),
        authP99Ms: Number(percentile(relayAuth, 0.99).toFixed(3)),
        baselineAuthP99Ms: Number(percentile(baseAuth, 0.99).toFixed(3)),
        relayRssMbAt64: Number(rss64.toFixed(1)),
        ...(pgAuth ? { authP99MsPostgres: Number(percentile(pgAuth, 0.99).toFixed(3)) } : {}),
        twoRelaysVsOne: twoRelays ? Number((twoRelays.two / twoRelays.one).toFixed(3)) : null,
        ...(twoRelayResults ? { twoRelays: twoRelayResults } : {}),
        resetStoredWithOldVersionAfterCommit: reset.storedWithOldVersionAfterReset,
        ...(policies ? { policies } : {}),
        ...(alertingDrop ? { alerting: alertingDrop } : {}),
        ...(againstBefore ? { againstBefore } : {}),
      }),
    );
  } finally {
    baseline.kill();
    await relay.stop();
    await alerting?.close();
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    await db.$disconnect();
    removeBed();
  }
}

/** A migrated SQLite test bed with the benchmark's relay settings (long socket timeout, per-address cap). */
async function benchTestbed(perAddress: string) {
  const metricsPort = await freePort();
  const bed = await createTestbed({
    LOG_LEVEL: process.env.BENCH_RELAY_LOG_LEVEL ?? "warn",
    RELAY_SOCKET_TIMEOUT_MS: "60000",
    RELAY_METRICS_PORT: String(metricsPort),
    RELAY_MAX_CONNECTIONS_PER_IP: perAddress,
    // --alerting's webhook receiver listens on loopback.
    WEBHOOK_ALLOW_PRIVATE: "true",
    // BENCH_WEBHOOK_MAX_HOLD_MS=0: webhook events are not held while the relay is busy, to see what holding them saves.
    ...(process.env.BENCH_WEBHOOK_MAX_HOLD_MS ? { WEBHOOK_MAX_HOLD_MS: process.env.BENCH_WEBHOOK_MAX_HOLD_MS } : {}),
  });
  await migrateDatabase(bed.env);
  const sink = placeSink(bed.dir);
  return {
    metricsPort,
    bed,
    db: createDb(bed.env.DATABASE_URL),
    sink: sink.where,
    removeBed: () => {
      sink.remove();
      fs.rmSync(bed.dir, { recursive: true, force: true });
    },
  };
}

/** The relay of another checkout on a SQLite database of its own, for before/after rows. */
async function relayOfCheckout(root: string, perAddress: string) {
  const { metricsPort, bed, db, removeBed } = await benchTestbed(perAddress);
  const creds = await createTestAccount(db, bed.env, await seedWorkspace(db));
  const relay = await spawnRelay(bed.vars, 30_000, root);
  return {
    creds,
    ca: bed.certPem,
    target: { ports: [Number(bed.vars.RELAY_PORT)], pids: [relay.pid], metricsPorts: [metricsPort], db },
    async cleanup() {
      await relay.stop();
      await db.$disconnect();
      removeBed();
    },
  };
}

/** A fresh PostgreSQL database (dropped by cleanup) with a seeded account and two relays on it. */
async function postgresRelays(bed: Awaited<ReturnType<typeof createTestbed>>, perAddress: string) {
  const name = `migosmtp_bench_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  const env = parseEnv({ ...bed.vars, DATABASE_URL: url.toString() });
  await migrateDatabase(env);
  const db = createDb(env.DATABASE_URL);
  const where = await seedWorkspace(db);
  const creds = await createTestAccount(db, env, where);
  const relays: { process: RelayProcess; port: number; pid: number; metricsPort: number }[] = [];
  try {
    for (const instance of ["bench-pg-a", "bench-pg-b"]) {
      const vars = {
        ...bed.vars,
        DATABASE_URL: env.DATABASE_URL,
        RELAY_PORT: String(await freePort()),
        RELAY_TLS_PORT: String(await freePort()),
        RELAY_METRICS_PORT: String(await freePort()),
        RELAY_MAX_CONNECTIONS_PER_IP: perAddress,
        RELAY_INSTANCE_ID: instance,
      };
      const process = await spawnRelay(vars);
      relays.push({ process, port: Number(vars.RELAY_PORT), pid: process.pid, metricsPort: Number(vars.RELAY_METRICS_PORT) });
    }
  } catch (error) {
    for (const r of relays) await r.process.stop();
    await db.$disconnect();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
  return {
    relays,
    creds,
    db,
    env,
    where,
    async cleanup() {
      for (const r of relays) await r.process.stop();
      await db.$disconnect();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

const role = process.argv[2];
const run = role === "--client" ? clientRole : role === "--baseline" ? baselineRole : main;
run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

