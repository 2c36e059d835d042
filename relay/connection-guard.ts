// The socket side of the connection limits (rules in connection-limits.ts): admits or refuses
// each new connection of both listeners, counts it until its socket closes, and sweeps open
// connections once in a while to cut those over an absolute deadline.
import type net from "node:net";
import type tls from "node:tls";
import type { Logger } from "pino";
import type { SMTPServer } from "smtp-server";
import { ConnectionLedger, overrunDeadline, type ConnectionClock, type ConnectionLimits } from "./connection-limits";
import type { RelayMetrics } from "./metrics";
import { replyLine, type SmtpReply } from "./replies";

/** What the guard needs of a connection (relay/server.ts's RelayConnection). */
export type GuardedConnection = {
  id: string;
  remoteAddress: string;
  _closing: boolean;
  _socket: net.Socket | tls.TLSSocket;
  afterClose: (() => void) | null;
  clock(now: number): ConnectionClock;
  send(code: number, data?: string | string[] | null): void;
  close(): void;
};

/** Admits a connection (true), or refuses it with a 421 and closes its socket (false). */
export type ConnectionGate = (connection: GuardedConnection, socket: net.Socket | tls.TLSSocket) => boolean;

export function createConnectionGuard(input: { limits: ConnectionLimits; listeners: readonly SMTPServer[]; metrics?: RelayMetrics; logger: Logger }) {
  const { limits, listeners, metrics, logger } = input;
  /** Open connections by client and authentication, shared by both listeners. */
  const ledger = new ConnectionLedger(limits);
  /** When a socket still in its implicit TLS handshake was first seen. */
  const pendingSince = new WeakMap<object, number>();

  const publishOpen = () => {
    const { total, unauthenticated } = ledger.counts();
    metrics?.openConnections.set({ state: "unauthenticated" }, unauthenticated);
    metrics?.openConnections.set({ state: "authenticated" }, total - unauthenticated);
  };

  const admit: ConnectionGate = (connection, socket) => {
    const admission = ledger.admit(connection.id, connection.remoteAddress);
    if (!admission.ok) {
      metrics?.connectionsRefused.inc({ reason: admission.reason });
      logger.info({ event: "connection_refused", reason: admission.reason, clientIp: connection.remoteAddress }, "connection refused");
      refuseSocket(socket, admission.reply);
      return false;
    }
    publishOpen();
    // Counted until the socket itself closes (smtp-server forgets a closing connection earlier).
    // After STARTTLS the TLS socket carries the session and the plain one may never say
    // "close", so both are listened to; releasing twice is harmless.
    const release = () => {
      ledger.release(connection.id);
      publishOpen();
    };
    connection.afterClose = release;
    socket.once("close", release);
    return true;
  };

  const sweep = () => {
    const now = Date.now();
    for (const server of listeners) {
      for (const connection of server.connections as Set<unknown> as Set<GuardedConnection>) {
        if (connection._closing || typeof connection.clock !== "function") continue;
        const overrun = overrunDeadline(connection.clock(now), now, limits);
        if (!overrun) continue;
        metrics?.connectionsCut.inc({ reason: overrun.reason });
        logger.info({ event: "connection_cut", reason: overrun.reason, clientIp: connection.remoteAddress }, "connection over its deadline");
        if (overrun.reply) {
          connection.send(overrun.reply.code, overrun.reply.text);
          connection.close();
        } else connection._socket.destroy();
      }
      // Implicit TLS: a socket whose handshake trickles on is not a connection yet.
      for (const [raw, current] of server._pendingSockets) {
        const since = pendingSince.get(raw) ?? now;
        pendingSince.set(raw, since);
        if (now - since > limits.commandDeadlineMs) {
          metrics?.connectionsCut.inc({ reason: "handshake_deadline" });
          current.destroy();
          raw.destroy();
        }
      }
    }
  };

  // One sweep over every connection (a timer per connection would cost more and say the same),
  // often enough that a deadline is kept to within a fifth of it.
  const sweepMs = Math.max(100, Math.min(1000, Math.floor(Math.min(limits.commandDeadlineMs, limits.dataDeadlineMs) / 5)));
  const sweeper = setInterval(sweep, sweepMs);
  sweeper.unref();

  return {
    admit,
    /** The session authenticated: it no longer counts toward the unauthenticated cap. */
    authenticated(id: string) {
      ledger.authenticated(id);
      publishOpen();
    },
    stop: () => clearInterval(sweeper),
  };
}

/** A 421 in place of the greeting, then the socket closes (destroyed if the client lingers). */
function refuseSocket(socket: net.Socket | tls.TLSSocket, reply: SmtpReply): void {
  socket.on("error", () => undefined);
  socket.end(`${replyLine(reply)}\r\n`);
  socket.resume();
  setTimeout(() => socket.destroy(), 2000).unref();
}
