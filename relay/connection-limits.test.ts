import { describe, expect, it } from "vitest";
import { admitConnection, clientKey, ConnectionLedger, overrunDeadline, type ConnectionClock, type ConnectionLimits } from "./connection-limits";

const limits: ConnectionLimits = { maxConnections: 4, maxPerIp: 2, maxUnauthenticated: 3, commandDeadlineMs: 30_000, dataDeadlineMs: 600_000, authDeadlineMs: 60_000 };
const line = (reply: { code: number; text: string } | null | undefined) => (reply ? `${reply.code} ${reply.text}` : null);
const idle: ConnectionClock = { lineStartedAt: null, dataStartedAt: null, handshakeStartedAt: null, unauthenticatedSince: null, waitingForRelay: false };

describe("connection caps", () => {
  it("refuses past the total, per-address and unauthenticated caps with 421 4.7.0", () => {
    expect(admitConnection({ total: 3, fromClient: 1, unauthenticated: 2 }, limits)).toEqual({ ok: true });
    const total = admitConnection({ total: 4, fromClient: 0, unauthenticated: 0 }, limits);
    expect(total.ok ? null : [total.reason, line(total.reply)]).toEqual(["total", "421 4.7.0 Too many connections, try again later"]);
    const perIp = admitConnection({ total: 1, fromClient: 2, unauthenticated: 0 }, limits);
    expect(perIp.ok ? null : [perIp.reason, line(perIp.reply)]).toEqual(["per_ip", "421 4.7.0 Too many connections from your address, try again later"]);
    const unauth = admitConnection({ total: 3, fromClient: 0, unauthenticated: 3 }, limits);
    expect(unauth.ok ? null : unauth.reason).toBe("unauthenticated");
  });

  it("counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4", () => {
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("192.0.2.7")).toBe("192.0.2.7");
  });

  it("frees a slot when a connection closes and an unauthenticated one when it authenticates", () => {
    const ledger = new ConnectionLedger(limits);
    expect(ledger.admit("a", "192.0.2.1").ok).toBe(true);
    expect(ledger.admit("b", "192.0.2.1").ok).toBe(true);
    expect(ledger.admit("c", "192.0.2.1")).toMatchObject({ ok: false, reason: "per_ip" });
    expect(ledger.admit("d", "192.0.2.2").ok).toBe(true);
    expect(ledger.admit("e", "192.0.2.3")).toMatchObject({ ok: false, reason: "unauthenticated" });
    ledger.authenticated("a");
    expect(ledger.admit("e", "192.0.2.3").ok).toBe(true);
    expect(ledger.admit("f", "192.0.2.4")).toMatchObject({ ok: false, reason: "total" });
    ledger.release("b");
    ledger.release("b");
    expect(ledger.counts()).toEqual({ total: 3, unauthenticated: 2, clients: 3 });
  });
});

describe("absolute deadlines", () => {
  it("cuts a command line that has not ended within the deadline, however it trickles", () => {
    expect(overrunDeadline({ ...idle, lineStartedAt: 0 }, 30_000, limits)).toBeNull();
    const cut = overrunDeadline({ ...idle, lineStartedAt: 0 }, 30_001, limits);
    expect([cut?.reason, line(cut?.reply)]).toEqual(["command_deadline", "421 4.4.2 Command line not completed within 30 seconds, closing connection"]);
  });

  it("cuts a DATA phase past its own deadline, not the command one", () => {
    expect(overrunDeadline({ ...idle, lineStartedAt: 0, dataStartedAt: 0 }, 60_000, limits)).toBeNull();
    expect(overrunDeadline({ ...idle, dataStartedAt: 0 }, 600_001, limits)?.reason).toBe("data_deadline");
  });

  it("closes a session that has not authenticated within the authentication deadline", () => {
    expect(overrunDeadline({ ...idle, unauthenticatedSince: 0 }, 60_000, limits)).toBeNull();
    const cut = overrunDeadline({ ...idle, unauthenticatedSince: 0 }, 60_001, limits);
    expect([cut?.reason, line(cut?.reply)]).toEqual(["auth_deadline", "421 4.7.0 Authentication not completed within 60 seconds, closing connection"]);
  });

  it("does not blame the client while the relay owes it a reply", () => {
    expect(overrunDeadline({ ...idle, lineStartedAt: 0, waitingForRelay: true }, 90_000, limits)).toBeNull();
  });

  it("drops a TLS handshake that trickles past the command deadline without a reply", () => {
    expect(overrunDeadline({ ...idle, handshakeStartedAt: 0 }, 30_001, limits)).toEqual({ reason: "handshake_deadline", reply: null });
  });
});
