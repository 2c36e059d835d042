import { describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import type { LoginEventData } from "../lib/smtp-accounts/authenticate";
import { classifyWriteFailure, createLoginEventWriter, LOGIN_EVENT_MAX_ATTEMPTS, type LoginEventDropReason } from "./login-events";

const event = (username: string): LoginEventData => ({
  workspaceId: "ws1",
  accountId: `acc_${username}`,
  username,
  clientIp: "127.0.0.1",
  tlsProtocol: "TLSv1.3",
  method: "PLAIN",
  passwordVersion: 1,
  success: true,
  reason: null,
  createdAt: new Date(),
});

/** A database whose writes fail as `fail` says; the rows it stored are in `rows`. */
function fakeDb(fail: (rows: LoginEventData[]) => unknown) {
  const rows: LoginEventData[] = [];
  const write = async (data: LoginEventData[]) => {
    const error = fail(data);
    if (error) throw error;
    rows.push(...data);
  };
  const db = {
    loginEvent: { createMany: ({ data }: { data: LoginEventData[] }) => write(data), create: ({ data }: { data: LoginEventData }) => write([data]) },
    smtpAccount: { findMany: async () => [{ id: "acc_a" }, { id: "acc_b" }] },
    workspace: { findMany: async () => [{ id: "ws1" }] },
  };
  return { db: db as unknown as Db, rows };
}

function counting() {
  const dropped: Partial<Record<LoginEventDropReason, number>> = {};
  return { dropped, onDropped: (count: number, reason: LoginEventDropReason) => (dropped[reason] = (dropped[reason] ?? 0) + count) };
}

describe("login event writer", () => {
  it("tells a deleted reference from a row problem and from a passing outage", () => {
    expect(classifyWriteFailure({ code: "P2003", message: "Foreign key constraint violated" })).toBe("foreign_key");
    expect(classifyWriteFailure(new Error("SqliteError: FOREIGN KEY constraint failed"))).toBe("foreign_key");
    expect(classifyWriteFailure({ code: "23503" })).toBe("foreign_key");
    expect(classifyWriteFailure({ code: "P2000", message: "value too long" })).toBe("rejected");
    expect(classifyWriteFailure({ code: "P1001", message: "Can't reach database server" })).toBe("transient");
    expect(classifyWriteFailure(new Error("database is locked"))).toBe("transient");
  });

  it("keeps a deleted account's login with the account id nulled and stores the rest of its batch", async () => {
    const fk = Object.assign(new Error("Foreign key constraint violated"), { code: "P2003" });
    const { db, rows } = fakeDb((data) => (data.some((r) => r.accountId === "acc_gone") ? fk : null));
    const writer = createLoginEventWriter(db, { intervalMs: 60_000 });
    for (const name of ["a", "gone", "b"]) writer.record(event(name));
    await writer.flush();
    expect(rows.map((r) => [r.username, r.accountId])).toEqual([
      ["a", "acc_a"],
      ["gone", null],
      ["b", "acc_b"],
    ]);
    await writer.stop();
  });

  it("drops only the row the database refuses, and counts it", async () => {
    const { db, rows } = fakeDb((data) => (data.some((r) => r.username === "bad") ? Object.assign(new Error("too long"), { code: "P2000" }) : null));
    const { dropped, onDropped } = counting();
    const writer = createLoginEventWriter(db, { intervalMs: 60_000, onDropped });
    for (const name of ["a", "bad", "b"]) writer.record(event(name));
    await writer.flush();
    expect(rows.map((r) => r.username)).toEqual(["a", "b"]);
    expect(dropped).toEqual({ rejected: 1 });
    await writer.stop();
  });

  it("retries a passing outage a bounded number of times, counts what it gives up, then goes on", async () => {
    let down = true;
    const { db, rows } = fakeDb(() => (down ? new Error("database is locked") : null));
    const { dropped, onDropped } = counting();
    const writer = createLoginEventWriter(db, { intervalMs: 60_000, onDropped });
    writer.record(event("early"));
    for (let i = 0; i < LOGIN_EVENT_MAX_ATTEMPTS; i++) await writer.flush();
    expect(dropped).toEqual({ retries_exhausted: 1 });
    down = false;
    writer.record(event("later"));
    await writer.flush();
    expect(rows.map((r) => r.username)).toEqual(["later"]);
    await writer.stop();
  });

  it("retries only the rows not yet stored when an outage strikes part-way through a row-by-row write", async () => {
    const fk = Object.assign(new Error("Foreign key constraint violated"), { code: "P2003" });
    let outage = 1;
    const { db, rows } = fakeDb((data) => {
      if (data.length > 1) return fk;
      if (data[0]!.username === "b" && outage-- > 0) return new Error("database is locked");
      return null;
    });
    const writer = createLoginEventWriter(db, { intervalMs: 60_000 });
    for (const name of ["a", "b", "c"]) writer.record(event(name));
    await writer.flush();
    expect(rows.map((r) => r.username)).toEqual(["a"]);
    await writer.flush();
    expect(rows.map((r) => r.username)).toEqual(["a", "b", "c"]);
    await writer.stop();
  });

  it("writes a row that waited through a short outage once the database is back", async () => {
    let failures = 2;
    const { db, rows } = fakeDb(() => (failures-- > 0 ? new Error("Connection terminated") : null));
    const writer = createLoginEventWriter(db, { intervalMs: 60_000 });
    writer.record(event("a"));
    await writer.stop();
    expect(rows.map((r) => r.username)).toEqual(["a"]);
  });
});
