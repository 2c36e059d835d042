// Connection limits of the relay process (spawned, so its RSS is its own), on loopback only and
// bounded in count and time. 500 slow connections from ten loopback addresses hold on, each
// trickling a byte of a never-ending command every 5 s (the idle timeout never fires), while
// authenticated clients still get STARTTLS + AUTH + 250; each cap answers the next connection
// 421 4.7.0 and closes it. A second relay with short deadlines cuts a trickled command line and a
// trickled DATA phase although bytes keep coming.
import fs from "node:fs";
import net from "node:net";
import tls from "node:tls";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/db";
import { migrateDatabase } from "../lib/setup/database";
import { openAuthenticated, type RawSession } from "./raw-smtp-client";
import { createTestAccount, createTestbed, freePort, rssOf, seedWorkspace, spawnRelay, type Creds, type RelayProcess, type Testbed } from "./testbed";

const SLOW = 500;
const SLOW_ADDRESSES = 10;
const PER_IP = SLOW / SLOW_ADDRESSES;
const MAX_UNAUTHENTICATED = SLOW + 10;
const MAX_CONNECTIONS = SLOW + 30;
const TRICKLE_MS = 5000;
const RSS_LIMIT = 300 * 1024 * 1024;
/** The per-address cap of the deadlines relay. */
const PER_IP_SMALL = 20;

type Slow = { socket: net.Socket; text: () => string; closed: () => boolean };

/** A loopback connection from `localAddress` that waits for its first reply line. */
function connectFrom(port: number, localAddress: string): Promise<Slow & { first: string }> {
  return new Promise((resolve, reject) => {
    let text = "";
    let closed = false;
    const socket = net.connect({ host: "127.0.0.1", port, localAddress });
    const timer = setTimeout(() => reject(new Error(`no reply line from ${localAddress}`)), 10_000);
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const end = text.indexOf("\r\n");
      if (end !== -1) {
        clearTimeout(timer);
        resolve({ socket, first: text.slice(0, end), text: () => text, closed: () => closed });
      }
    });
    socket.on("close", () => (closed = true));
    socket.on("error", (error) => {
      clearTimeout(timer);
      if (!text) reject(error);
    });
  });
}

function waitClosed(slow: Slow, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (slow.closed()) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    slow.socket.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function metric(port: number, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const m = new RegExp(`^${name}${labels ? `\\{${labels}\\}` : ""} (\\d+)`, "m").exec(text);
  return m ? Number(m[1]) : 0;
}

async function start(overrides: Record<string, string>) {
  const metricsPort = await freePort();
  const bed = await createTestbed({ LOG_LEVEL: "warn", RELAY_METRICS_PORT: String(metricsPort), ...overrides });
  await migrateDatabase(bed.env);
  const db = createDb(bed.env.DATABASE_URL);
  const creds = await createTestAccount(db, bed.env, await seedWorkspace(db));
  const relay = await spawnRelay(bed.vars);
  return { bed, db, creds, relay, metricsPort, port: Number(bed.vars.RELAY_PORT) };
}

function transport(bed: Testbed, creds: Creds) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port: Number(bed.vars.RELAY_PORT),
    requireTLS: true,
    auth: { user: creds.username, pass: creds.password },
    tls: { ca: [bed.certPem], servername: "localhost" },
  });
}

describe("connection caps under 500 slow connections", () => {
  let bed: Testbed;
  let db: Db;
  let creds: Creds;
  let relay: RelayProcess;
  let metricsPort: number;
  let port: number;
  const slow: Slow[] = [];
  const held: RawSession[] = [];
  let trickle: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    ({ bed, db, creds, relay, metricsPort, port } = await start({
      RELAY_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
      RELAY_MAX_CONNECTIONS_PER_IP: String(PER_IP),
      RELAY_MAX_UNAUTHENTICATED: String(MAX_UNAUTHENTICATED),
      RELAY_SOCKET_TIMEOUT_MS: "10000",
      // Long enough that the slow connections outlive this test; the deadlines have their own.
      RELAY_COMMAND_DEADLINE_MS: "300000",
      RELAY_AUTH_DEADLINE_MS: "300000",
    }));
  }, 120_000);

  afterAll(async () => {
    clearInterval(trickle);
    for (const s of slow) s.socket.destroy();
    for (const h of held) h.close();
    await relay?.stop("SIGKILL");
    await db?.$disconnect();
    if (bed) fs.rmSync(bed.dir, { recursive: true, force: true });
  });

  it(
    "keeps serving authenticated clients while 500 slow connections hold on, and every cap answers 421 4.7.0",
    async () => {
      const rssIdle = rssOf(relay.pid);
      for (let i = 0; i < SLOW; i += 50) {
        const batch = await Promise.all(Array.from({ length: 50 }, (_, j) => connectFrom(port, `127.0.0.${10 + ((i + j) % SLOW_ADDRESSES)}`)));
        expect(new Set(batch.map((b) => b.first))).toEqual(new Set(["220 localhost ESMTP ready"]));
        slow.push(...batch);
      }
      // One byte of a command line that never ends, every 5 s on every slow connection.
      trickle = setInterval(() => {
        for (const s of slow) if (!s.closed()) s.socket.write("X");
      }, TRICKLE_MS);
      for (const s of slow) s.socket.write("X");

      // Per address: the 51st from 127.0.0.10.
      const perIp = await connectFrom(port, "127.0.0.10");
      expect(perIp.first).toBe("421 4.7.0 Too many connections from your address, try again later");
      expect(await waitClosed(perIp, 5000)).toBe(true);

      // Authenticated clients are served meanwhile (STARTTLS + AUTH + DATA), and timed.
      const started = Date.now();
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          transport(bed, creds)
            .sendMail({ from: "app@acme.test", to: "sink@example.com", subject: `under load ${i}`, text: "hello" })
            .then((info) => info.response),
        ),
      );
      const sendMs = Date.now() - started;
      expect(replies.every((r) => /^250 2\.0\.0 Ok: queued as /.test(r))).toBe(true);
      const rssUnderLoad = rssOf(relay.pid);
      // The senders' sockets count until they close; wait for them to go.
      await expect
        .poll(() => metric(metricsPort, "migosmtp_relay_connections_open", 'state="authenticated"'), { timeout: 15_000, interval: 200 })
        .toBe(0);

      // Unauthenticated sessions: ten more fill the cap, the next is refused.
      const extras: Slow[] = [];
      for (let i = 0; i < MAX_UNAUTHENTICATED - SLOW; i++) {
        const extra = await connectFrom(port, "127.0.0.20");
        expect(extra.first).toBe("220 localhost ESMTP ready");
        extras.push(extra);
      }
      const unauthenticated = await connectFrom(port, "127.0.0.21");
      expect(unauthenticated.first).toBe("421 4.7.0 Too many connections not yet authenticated, try again later");
      for (const extra of extras) extra.socket.destroy();
      await expect
        .poll(() => metric(metricsPort, "migosmtp_relay_connections_open", 'state="unauthenticated"'), { timeout: 15_000, interval: 200 })
        .toBe(SLOW);

      // Total: authenticated sessions held open fill it; the next connection is refused.
      for (let i = 0; i < MAX_CONNECTIONS - SLOW; i++) held.push(await openAuthenticated(port, bed.certPem, creds.username, creds.password));
      const total = await connectFrom(port, "127.0.0.22");
      expect(total.first).toBe("421 4.7.0 Too many connections, try again later");

      // The slow connections were neither cut nor let past the caps; the relay stayed small.
      await new Promise((resolve) => setTimeout(resolve, TRICKLE_MS + 500));
      expect(slow.filter((s) => s.closed()).length).toBe(0);
      const rss = rssOf(relay.pid);
      expect(rss).toBeLessThan(RSS_LIMIT);
      expect(await metric(metricsPort, "migosmtp_relay_connections_refused_total", 'reason="per_ip"')).toBe(1);
      expect(await metric(metricsPort, "migosmtp_relay_connections_refused_total", 'reason="unauthenticated"')).toBe(1);
      expect(await metric(metricsPort, "migosmtp_relay_connections_refused_total", 'reason="total"')).toBe(1);
      expect(await metric(metricsPort, "migosmtp_relay_connections_active", "")).toBeLessThanOrEqual(MAX_CONNECTIONS);
      console.log(
        `connection caps: ${slow.length} slow + ${held.length} held open; 10 authenticated sends in ${sendMs} ms; relay RSS ${(rssIdle / 2 ** 20).toFixed(0)} MB idle, ${(rssUnderLoad / 2 ** 20).toFixed(0)} MB under load, ${(rss / 2 ** 20).toFixed(0)} MB at the end`,
      );
    },
    180_000,
  );
});

describe("absolute deadlines", () => {
  let bed: Testbed;
  let db: Db;
  let creds: Creds;
  let relay: RelayProcess;
  let metricsPort: number;
  let port: number;

  beforeAll(async () => {
    ({ bed, db, creds, relay, metricsPort, port } = await start({
      RELAY_SOCKET_TIMEOUT_MS: "10000",
      RELAY_COMMAND_DEADLINE_MS: "1500",
      RELAY_DATA_DEADLINE_MS: "3000",
      RELAY_MAX_CONNECTIONS_PER_IP: String(PER_IP_SMALL),
      RELAY_AUTH_DEADLINE_MS: "5000",
    }));
  }, 120_000);

  afterAll(async () => {
    await relay?.stop("SIGKILL");
    await db?.$disconnect();
    if (bed) fs.rmSync(bed.dir, { recursive: true, force: true });
  });

  /** Writes one byte every 200 ms until the socket closes (or 20 s pass); returns how long it took. */
  async function trickleUntilClosed(socket: net.Socket, bytes: string): Promise<number> {
    const started = Date.now();
    let i = 0;
    while (!socket.destroyed && !socket.readableEnded && Date.now() - started < 20_000) {
      socket.write(bytes[i++ % bytes.length]!);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return Date.now() - started;
  }

  it("cuts a command line trickled one byte at a time after the command deadline", async () => {
    const client = await connectFrom(port, "127.0.0.1");
    expect(client.first).toBe("220 localhost ESMTP ready");
    const ms = await trickleUntilClosed(client.socket, "EHLO slow.example.com ");
    expect(client.text()).toContain("421 4.4.2 Command line not completed within 1.5 seconds, closing connection\r\n");
    expect(ms).toBeLessThan(5000);
    expect(await metric(metricsPort, "migosmtp_relay_connections_cut_total", 'reason="command_deadline"')).toBe(1);
  });

  it("cuts a DATA phase trickled line by line after the DATA deadline, storing nothing", async () => {
    const session = await openAuthenticated(port, bed.certPem, creds.username, creds.password);
    expect(await session.command("MAIL FROM:<app@acme.test>")).toMatch(/^250/);
    expect(await session.command("RCPT TO:<sink@example.com>")).toMatch(/^250/);
    expect(await session.command("DATA")).toMatch(/^354/);
    const before = await db.message.count();
    const started = Date.now();
    let reply = "";
    const replied = session.reply().then((r) => (reply = r));
    // Whole lines, each well inside the command deadline: only the DATA deadline can stop it.
    while (!reply && Date.now() - started < 20_000) {
      session.write("Subject: slow\r\n");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await replied;
    expect(reply).toBe("421 4.4.2 Message data not completed within 3 seconds, closing connection");
    expect(Date.now() - started).toBeLessThan(6000);
    expect(await db.message.count()).toBe(before);
    session.close();
  });

  it("drops a TLS handshake trickled on the implicit TLS port after the command deadline", async () => {
    const socket = net.connect({ host: "127.0.0.1", port: Number(bed.vars.RELAY_TLS_PORT) });
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    socket.on("error", () => undefined);
    // The first bytes of a TLS ClientHello record, one at a time, never finishing it.
    const ms = await trickleUntilClosed(socket, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + "a".repeat(200));
    expect(ms).toBeLessThan(5000);
  });

  it("drops a STARTTLS handshake trickled after the command deadline", async () => {
    const client = await connectFrom(port, "127.0.0.1");
    client.socket.write("EHLO x\r\nSTARTTLS\r\n");
    await expect.poll(() => client.text(), { timeout: 5000, interval: 50 }).toContain("220 2.0.0 Ready to start TLS");
    const ms = await trickleUntilClosed(client.socket, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + "a".repeat(200));
    expect(ms).toBeLessThan(5000);
  });

  it("refuses past the per-address cap on the implicit TLS port with 421 4.7.0 over TLS", async () => {
    const open: tls.TLSSocket[] = [];
    const firstLine = (socket: tls.TLSSocket) =>
      new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes("\r\n")) resolve(text.slice(0, text.indexOf("\r\n")));
        });
      });
    try {
      const lines: string[] = [];
      for (let i = 0; i <= PER_IP_SMALL; i++) {
        const raw = net.connect({ host: "127.0.0.1", port: Number(bed.vars.RELAY_TLS_PORT), localAddress: "127.0.0.30" });
        const socket = tls.connect({ socket: raw, ca: [bed.certPem], servername: "localhost" });
        socket.on("error", () => undefined);
        open.push(socket);
        lines.push(await firstLine(socket));
      }
      expect(lines.slice(0, PER_IP_SMALL).every((l) => l === "220 localhost ESMTP ready")).toBe(true);
      expect(lines[PER_IP_SMALL]).toBe("421 4.7.0 Too many connections from your address, try again later");
    } finally {
      for (const socket of open) socket.destroy();
    }
  });

  it("closes a session that keeps talking but never authenticates after the authentication deadline", async () => {
    const client = await connectFrom(port, "127.0.0.40");
    const started = Date.now();
    // Complete lines, fast, that smtp-server does not count as unauthenticated commands.
    while (!client.closed() && Date.now() - started < 20_000) {
      client.socket.write("AUTH LOGIN\r\n");
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(client.text()).toContain("421 4.7.0 Authentication not completed within 5 seconds, closing connection\r\n");
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await metric(metricsPort, "migosmtp_relay_connections_cut_total", 'reason="auth_deadline"')).toBe(1);
  });

  it("still serves a client that keeps within the deadlines", async () => {
    const info = await transport(bed, creds).sendMail({ from: "app@acme.test", to: "sink@example.com", subject: "prompt", text: "hello" });
    expect(info.response).toMatch(/^250 2\.0\.0 Ok: queued as /);
  });
});
