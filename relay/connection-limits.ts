// The relay's connection limits as plain rules: who may open one more connection (total,
// per client address, not yet authenticated), and when a connection has overrun an absolute
// deadline (one command line, one DATA phase, one TLS handshake). The idle timeout alone
// cannot bound these: every byte a client trickles in resets it. The socket layer
// (relay/server.ts) measures the times and sends the reply these rules return.
import net from "node:net";
import type { Env } from "../lib/env";
import { authDeadlineReply, commandDeadlineReply, connectionRefusedReply, dataDeadlineReply, type SmtpReply } from "./replies";

export type ConnectionLimits = {
  maxConnections: number;
  maxPerIp: number;
  maxUnauthenticated: number;
  commandDeadlineMs: number;
  dataDeadlineMs: number;
  authDeadlineMs: number;
};

export type LimitsEnv = Pick<
  Env,
  | "RELAY_MAX_CONNECTIONS"
  | "RELAY_MAX_CONNECTIONS_PER_IP"
  | "RELAY_MAX_UNAUTHENTICATED"
  | "RELAY_COMMAND_DEADLINE_MS"
  | "RELAY_DATA_DEADLINE_MS"
  | "RELAY_AUTH_DEADLINE_MS"
>;

export function limitsFromEnv(env: LimitsEnv): ConnectionLimits {
  return {
    maxConnections: env.RELAY_MAX_CONNECTIONS,
    maxPerIp: env.RELAY_MAX_CONNECTIONS_PER_IP,
    maxUnauthenticated: env.RELAY_MAX_UNAUTHENTICATED,
    commandDeadlineMs: env.RELAY_COMMAND_DEADLINE_MS,
    dataDeadlineMs: env.RELAY_DATA_DEADLINE_MS,
    authDeadlineMs: env.RELAY_AUTH_DEADLINE_MS,
  };
}

/**
 * Whose connections count together: an IPv4 address (also when IPv4-mapped), or the /64 of an
 * IPv6 one, since a single IPv6 host usually holds a whole /64 and could rotate through it.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!net.isIPv6(ip)) return ip;
  const [head = "", tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

export type RefusalReason = "total" | "per_ip" | "unauthenticated";
export type Admission = { ok: true } | { ok: false; reason: RefusalReason; reply: SmtpReply };

/** May one more connection open, given what is open now? (A new connection is unauthenticated.) */
export function admitConnection(open: { total: number; fromClient: number; unauthenticated: number }, limits: ConnectionLimits): Admission {
  if (open.total >= limits.maxConnections) return { ok: false, reason: "total", reply: connectionRefusedReply("total") };
  if (open.fromClient >= limits.maxPerIp) return { ok: false, reason: "per_ip", reply: connectionRefusedReply("per_ip") };
  if (open.unauthenticated >= limits.maxUnauthenticated) return { ok: false, reason: "unauthenticated", reply: connectionRefusedReply("unauthenticated") };
  return { ok: true };
}

/** What a connection is doing now, with when it started doing it (epoch ms; null: not). */
export type ConnectionClock = {
  /** First byte of a command line that has not ended yet. */
  lineStartedAt: number | null;
  /** 354 sent, final dot not yet received. */
  dataStartedAt: number | null;
  /** A TLS handshake (STARTTLS or implicit) in progress. */
  handshakeStartedAt: number | null;
  /** When the connection opened, while it has not authenticated (null once it has). */
  unauthenticatedSince: number | null;
  /** The relay owes the client a reply (a handler runs): the client is not the one stalling. */
  waitingForRelay: boolean;
};

export type DeadlineReason = "command_deadline" | "data_deadline" | "handshake_deadline" | "auth_deadline";
export type Overrun = { reason: DeadlineReason; reply: SmtpReply | null };

/** Has the connection overrun an absolute deadline? (null: no.) A handshake gets no reply. */
export function overrunDeadline(clock: ConnectionClock, now: number, limits: ConnectionLimits): Overrun | null {
  if (clock.handshakeStartedAt !== null && now - clock.handshakeStartedAt > limits.commandDeadlineMs) return { reason: "handshake_deadline", reply: null };
  if (clock.waitingForRelay) return null;
  // Without this an unauthenticated session could hold its slot for ever (AUTH attempts and
  // idle-timer resets are not bounded by the command count smtp-server keeps).
  if (clock.unauthenticatedSince !== null && now - clock.unauthenticatedSince > limits.authDeadlineMs)
    return { reason: "auth_deadline", reply: authDeadlineReply(limits.authDeadlineMs) };
  if (clock.dataStartedAt !== null && now - clock.dataStartedAt > limits.dataDeadlineMs)
    return { reason: "data_deadline", reply: dataDeadlineReply(limits.dataDeadlineMs) };
  if (clock.dataStartedAt === null && clock.lineStartedAt !== null && now - clock.lineStartedAt > limits.commandDeadlineMs)
    return { reason: "command_deadline", reply: commandDeadlineReply(limits.commandDeadlineMs) };
  return null;
}

/** The open connections by client and by authentication: what admitConnection counts. */
export class ConnectionLedger {
  private readonly byId = new Map<string, { key: string; authenticated: boolean }>();
  private readonly perClient = new Map<string, number>();
  private unauthenticated = 0;

  constructor(private readonly limits: ConnectionLimits) {}

  /** Admits and counts a connection, or says why not (nothing is counted then). */
  admit(id: string, ip: string): Admission {
    const key = clientKey(ip);
    const decision = admitConnection({ total: this.byId.size, fromClient: this.perClient.get(key) ?? 0, unauthenticated: this.unauthenticated }, this.limits);
    if (!decision.ok) return decision;
    this.byId.set(id, { key, authenticated: false });
    this.perClient.set(key, (this.perClient.get(key) ?? 0) + 1);
    this.unauthenticated++;
    return decision;
  }

  authenticated(id: string): void {
    const entry = this.byId.get(id);
    if (!entry || entry.authenticated) return;
    entry.authenticated = true;
    this.unauthenticated--;
  }

  release(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    if (!entry.authenticated) this.unauthenticated--;
    const left = (this.perClient.get(entry.key) ?? 1) - 1;
    if (left > 0) this.perClient.set(entry.key, left);
    else this.perClient.delete(entry.key);
  }

  counts(): { total: number; unauthenticated: number; clients: number } {
    return { total: this.byId.size, unauthenticated: this.unauthenticated, clients: this.perClient.size };
  }
}
