import { describe, expect, it } from "vitest";
import { acceptsVersion, graceDeadlineOf, graceOverFor } from "./credential-window";
import { checkCredentialCurrent, type SenderAccount } from "./policy";

const now = new Date("2026-11-28T12:00:00.000Z");
const account = (over: Partial<SenderAccount> = {}): SenderAccount => ({
  id: "a",
  status: "active",
  passwordVersion: 3,
  workspaceId: "w",
  fromAddress: null,
  domain: { name: "acme.test", status: "verified", workspaceId: "w" },
  ipAllowlist: null,
  allowedSenders: null,
  expiresAt: null,
  passwordChangedAt: now,
  workspace: { maxPasswordLifetimeDays: null },
  ...over,
});

describe("which password versions a session may act with", () => {
  it("accepts the current version, and the previous one only before the grace deadline", () => {
    const grace = { passwordVersion: 3, previousPasswordVersion: 2, graceEndsAt: new Date(now.getTime() + 1) };
    expect(acceptsVersion(grace, 3, now)).toBe(true);
    expect(acceptsVersion(grace, 2, now)).toBe(true);
    expect(acceptsVersion(grace, 1, now)).toBe(false);
    expect(acceptsVersion({ ...grace, graceEndsAt: now }, 2, now)).toBe(false);
    expect(acceptsVersion({ ...grace, graceEndsAt: null }, 2, now)).toBe(false);
  });

  it("ends a previous-password session's authority at the deadline with the reset's 535", () => {
    const during = account({ previousPasswordVersion: 2, graceEndsAt: new Date(now.getTime() + 1000) });
    expect(checkCredentialCurrent(2, during, now)).toEqual({ ok: true });
    expect(checkCredentialCurrent(2, during, new Date(now.getTime() + 1000))).toMatchObject({ ok: false, endsSession: true, reply: { code: 535, text: "5.7.8 Authentication credentials invalid" } });
    expect(checkCredentialCurrent(2, account({ previousPasswordVersion: null, graceEndsAt: null }), now)).toMatchObject({ ok: false, endsSession: true });
  });
});

describe("the deadline a session carries", () => {
  it("refuses every command but QUIT, RSET, NOOP and HELP once the deadline has passed", () => {
    const deadline = now.getTime();
    expect(graceOverFor("RCPT TO:<b@example.com>", deadline, deadline - 1)).toBe(false);
    for (const command of ["MAIL FROM:<a@acme.test>", "rcpt to:<b@example.com>", "DATA", "EHLO x", "AUTH LOGIN"]) expect(graceOverFor(command, deadline, deadline)).toBe(true);
    for (const command of ["QUIT", "rset", "NOOP", "HELP"]) expect(graceOverFor(command, deadline, deadline + 1)).toBe(false);
    expect(graceOverFor("MAIL FROM:<a@acme.test>", null, deadline)).toBe(false);
  });

  it("reads the deadline only from a session user that carries one", () => {
    expect(graceDeadlineOf({ accountId: "a", graceEndsAt: 5 })).toBe(5);
    expect(graceDeadlineOf({ accountId: "a", graceEndsAt: null })).toBeNull();
    expect(graceDeadlineOf(false)).toBeNull();
  });
});
